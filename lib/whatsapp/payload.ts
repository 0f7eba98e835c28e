import 'server-only';
import { z } from 'zod';
import { sha256Hex } from '@/lib/crypto';

/**
 * Meta's Cloud API webhook (object whatsapp_business_account): entry[] → changes[] → value with metadata.phone_number_id
 * and messages[], statuses[] (field `messages`) or user_preferences[] (field `user_preferences`). Parsed leniently:
 * unknown fields are ignored, an item that does not fit is skipped, never the whole delivery.
 */
const str = z.string().max(4096);
const ts = z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]).transform((v) => new Date(Number(v) * 1000));
const message = z.object({
  id: str,
  from: str.optional(),
  from_user_id: str.optional(),
  timestamp: ts,
  type: str,
  text: z.object({ body: str }).partial().optional(),
  button: z.object({ payload: str, text: str }).partial().optional(),
  interactive: z
    .object({ type: str, button_reply: z.object({ id: str, title: str }).partial(), list_reply: z.object({ id: str, title: str }).partial() })
    .partial()
    .optional(),
  context: z.object({ id: str }).partial().optional(),
});
const status = z.object({
  id: str,
  status: str,
  timestamp: ts,
  recipient_id: str.optional(),
  recipient_user_id: str.optional(),
  errors: z.array(z.object({ code: z.number().int(), title: str.optional() }).partial()).optional(),
});
const preference = z.object({ wa_id: str.optional(), user_id: str.optional(), category: str, value: str, timestamp: ts });
const contact = z.object({ wa_id: str, user_id: str }).partial();
const value = z.object({
  metadata: z.object({ phone_number_id: str }).partial().optional(),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  user_preferences: z.array(z.unknown()).optional(),
});
const envelope = z.object({
  object: z.string().optional(),
  entry: z.array(z.object({ changes: z.array(z.object({ field: z.string().optional(), value: z.unknown() })).optional() })).max(1000),
});

/** One inbox row to be: a message, a status or a user preference, with the phone_number_id it was addressed to. */
export type WebhookItem = {
  phoneNumberId: string;
  externalKey: string;
  kind: 'message' | 'status' | 'user_preference';
  messageId: string | null;
  waId: string | null;
  userId: string | null;
  itemType: string;
  body: string | null;
  details: Record<string, unknown> | null;
  occurredAt: Date;
};

/** phone_number_ids a raw body names (for routing before the signature check); null when it is not JSON of this shape. */
export function parseEnvelope(raw: string): { phoneNumberIds: string[]; changes: { phoneNumberId: string; field: string; value: z.infer<typeof value> }[] } | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const env = envelope.safeParse(json);
  if (!env.success) return null;
  const changes: { phoneNumberId: string; field: string; value: z.infer<typeof value> }[] = [];
  for (const entry of env.data.entry)
    for (const change of entry.changes ?? []) {
      const v = value.safeParse(change.value);
      const id = v.success ? v.data.metadata?.phone_number_id : undefined;
      if (v.success && id) changes.push({ phoneNumberId: id, field: change.field ?? 'messages', value: v.data });
    }
  return { phoneNumberIds: [...new Set(changes.map((c) => c.phoneNumberId))], changes };
}

function messageItem(phoneNumberId: string, raw: unknown, contacts: z.infer<typeof contact>[]): WebhookItem | null {
  const m = message.safeParse(raw);
  if (!m.success) return null;
  const d = m.data;
  const who = contacts.find((c) => c.wa_id && c.wa_id === d.from) ?? (contacts.length === 1 ? contacts[0] : undefined);
  // Quick-reply buttons: the payload is what the business defined (a keyword like STOPP); the title is shown text.
  const body = d.text?.body ?? d.button?.payload ?? d.interactive?.button_reply?.id ?? d.interactive?.list_reply?.id ?? null;
  const alt = d.button?.text ?? d.interactive?.button_reply?.title ?? d.interactive?.list_reply?.title;
  return {
    phoneNumberId,
    externalKey: d.id,
    kind: 'message',
    messageId: d.id,
    waId: d.from ?? who?.wa_id ?? null,
    userId: d.from_user_id ?? who?.user_id ?? null,
    itemType: d.type,
    body,
    details: alt || d.context?.id ? { ...(alt ? { buttonText: alt } : {}), ...(d.context?.id ? { contextId: d.context.id } : {}) } : null,
    occurredAt: d.timestamp,
  };
}

function statusItem(phoneNumberId: string, raw: unknown): WebhookItem | null {
  const s = status.safeParse(raw);
  if (!s.success) return null;
  const codes = (s.data.errors ?? []).map((e) => e.code).filter((c): c is number => typeof c === 'number');
  return {
    phoneNumberId,
    externalKey: `${s.data.id}:${s.data.status}`,
    kind: 'status',
    messageId: s.data.id,
    waId: s.data.recipient_id ?? null,
    userId: s.data.recipient_user_id ?? null,
    itemType: s.data.status,
    body: null,
    details: codes.length ? { errorCodes: codes } : null,
    occurredAt: s.data.timestamp,
  };
}

function preferenceItem(phoneNumberId: string, raw: unknown): WebhookItem | null {
  const p = preference.safeParse(raw);
  if (!p.success || (!p.data.wa_id && !p.data.user_id)) return null;
  const d = p.data;
  return {
    phoneNumberId,
    // No id in the payload: the item itself is its identity (a retry carries the same four values).
    externalKey: `pref:${sha256Hex([d.wa_id ?? '', d.user_id ?? '', d.category, d.value, d.timestamp.getTime()].join('|'))}`,
    kind: 'user_preference',
    messageId: null,
    waId: d.wa_id ?? null,
    userId: d.user_id ?? null,
    itemType: d.value,
    body: null,
    details: { category: d.category },
    occurredAt: d.timestamp,
  };
}

/** Every message, status and user preference of every entry and change, in payload order. */
export function webhookItems(changes: NonNullable<ReturnType<typeof parseEnvelope>>['changes']): WebhookItem[] {
  const items: WebhookItem[] = [];
  for (const c of changes) {
    const contacts = (c.value.contacts ?? []).flatMap((x) => {
      const r = contact.safeParse(x);
      return r.success ? [r.data] : [];
    });
    for (const m of c.value.messages ?? []) items.push(messageItem(c.phoneNumberId, m, contacts)!);
    for (const s of c.value.statuses ?? []) items.push(statusItem(c.phoneNumberId, s)!);
    for (const p of c.value.user_preferences ?? []) items.push(preferenceItem(c.phoneNumberId, p)!);
  }
  return items.filter(Boolean);
}
