import 'server-only';
import { eq } from 'drizzle-orm';
import { whatsappConnections } from '@/db/schema';
import { appUrl } from '@/lib/config';
import { systemDb } from '@/lib/db/with-tenant';
import { decryptSecret } from '../secrets';
import { signBody } from '../signature';
import { simMessageId } from './graph';
import { recordSim } from './store';

export type SimInbound = {
  phoneNumberId: string;
  from: string;
  text?: string;
  /** Send the text as a quick-reply button (its payload). */
  button?: boolean;
  /** A user_preferences item instead of a message. */
  preference?: 'stop' | 'resume';
  /** Deliver the same body this many times (Meta's retries). */
  times?: number;
  /** Add a `delivered` status of the app's last message to this number in the same payload. */
  withStatusOf?: string | null;
  /** The message's own time (default now). */
  at?: Date;
};

const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));

/** The Cloud API webhook body for one simulated item (Meta's shapes: messages, statuses, user_preferences). */
export function simPayload(i: SimInbound, displayNumber: string, messageId = simMessageId()) {
  const at = epoch(i.at ?? new Date());
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: displayNumber.replace(/^\+/, ''), phone_number_id: i.phoneNumberId },
    contacts: [{ profile: { name: 'Simulator' }, wa_id: i.from }],
  };
  if (i.preference) {
    value.user_preferences = [{ wa_id: i.from, detail: `User requested to ${i.preference} marketing messages`, category: 'marketing_messages', value: i.preference, timestamp: at }];
  } else {
    value.messages = [
      i.button
        ? { from: i.from, id: messageId, timestamp: at, type: 'button', button: { payload: i.text ?? '', text: i.text ?? '' } }
        : { from: i.from, id: messageId, timestamp: at, type: 'text', text: { body: i.text ?? '' } },
    ];
  }
  if (i.withStatusOf) value.statuses = [{ id: i.withStatusOf, status: 'delivered', timestamp: at, recipient_id: i.from }];
  return { object: 'whatsapp_business_account', entry: [{ id: 'SIM-WABA', changes: [{ field: i.preference ? 'user_preferences' : 'messages', value }] }] };
}

/** Signs a raw body with the connection's app secret, as Meta does (X-Hub-Signature-256). */
export async function signForConnection(phoneNumberId: string, raw: string): Promise<{ signature: string; displayNumber: string } | null> {
  const db = await systemDb();
  const [c] = await db
    .select({ tenantId: whatsappConnections.tenantId, appSecretEnc: whatsappConnections.appSecretEnc, displayNumber: whatsappConnections.displayNumber })
    .from(whatsappConnections)
    .where(eq(whatsappConnections.phoneNumberId, phoneNumberId));
  return c ? { signature: signBody(raw, decryptSecret(c.appSecretEnc, c.tenantId)), displayNumber: c.displayNumber } : null;
}

export type Poster = (raw: string, signature: string) => Promise<number>;

/** Posts to the app's own webhook URL over HTTP, like Meta. */
export const httpPoster: Poster = async (raw, signature) => {
  const res = await fetch(`${appUrl()}/api/whatsapp/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
  return res.status;
};

/**
 * Writes as a contact: builds the webhook body, signs it with the tenant's app secret and posts it `times` times
 * (duplicates share one body, so one message id). Returns the HTTP status of each delivery.
 */
export async function simulateInbound(i: SimInbound, post: Poster = httpPoster): Promise<number[]> {
  const probe = await signForConnection(i.phoneNumberId, '');
  if (!probe) throw new Error('no connection with this phone_number_id');
  const raw = JSON.stringify(simPayload(i, probe.displayNumber));
  const signed = (await signForConnection(i.phoneNumberId, raw))!;
  const statuses = await Promise.all(Array.from({ length: Math.max(1, Math.min(i.times ?? 1, 10)) }, () => post(raw, signed.signature)));
  recordSim({ id: '', direction: 'to_app', phoneNumberId: i.phoneNumberId, waId: i.from, body: i.preference ? `[user_preferences ${i.preference}]` : (i.text ?? ''), at: new Date().toISOString(), result: statuses.join(',') });
  return statuses;
}
