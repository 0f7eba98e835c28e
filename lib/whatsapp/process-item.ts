import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { contacts, tenants, whatsappInbox, whatsappOutbox, whatsappPreferences, whatsappReviewMessages } from '@/db/schema';
import type { Tx } from '@/db';
import { appUrl } from '@/lib/config';
import { contactToken } from '@/lib/consent/contact-state';
import type { Locale } from '@/lib/i18n/locales';
import { matchKeyword, tenantKeywords, type KeywordLists } from './keywords';
import { enqueueWhatsapp, insideWindow } from './outbox';
import { matchOwnershipCode } from './ownership-codes-match';
import { startLink } from './start-link';
import { whatsappTexts } from './texts';
import { withdrawNumber, type MessageEvidence } from './withdraw-number';

export type InboxRow = typeof whatsappInbox.$inferSelect;
/** What the items of one tenant batch share, loaded by the first item that needs it (one transaction, one tenant). */
export type ItemContext = { tenant?: Promise<TenantInfo | undefined>; keywords?: Promise<KeywordLists> };
type TenantInfo = { id: string; slug: string; name: string };

/** Error codes of a failed send that mean "this user does not want marketing messages" (treated as a stop). */
export const MARKETING_STOP_ERRORS = [131050];

/**
 * Processes one inbox item in its tenant's transaction and returns what it did (stored as the row's outcome).
 * Messages: first offered to the ownership-code matcher (lib/whatsapp/ownership-codes-match.ts), then matched
 * against the tenant's keywords. Statuses: a 131050 failure is a marketing stop. Preferences: stop withdraws,
 * resume is recorded and never creates consent.
 */
export async function processItem(tx: Tx, row: InboxRow, ctx: ItemContext = {}): Promise<string> {
  const tenant = await (ctx.tenant ??= tx
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, row.tenantId))
    .then((r) => r[0]));
  if (!tenant) return 'no_tenant';
  if (row.kind === 'message') return processMessage(tx, tenant, row, ctx);
  if (row.kind === 'status') return processStatus(tx, tenant, row);
  return processPreference(tx, tenant, row);
}

async function processMessage(tx: Tx, tenant: TenantInfo, row: InboxRow, ctx: ItemContext): Promise<string> {
  if (!row.waId || !/^\d{6,15}$/.test(row.waId)) return row.body ? review(tx, row, 'unmatched') : 'ignored';
  const text = row.body ?? '';
  if (text) {
    const code = await matchOwnershipCode(tx, { tenantId: tenant.id, messageId: row.messageId!, waId: row.waId, userId: row.userId, text, occurredAt: row.occurredAt });
    if (code.kind === 'mismatch') await review(tx, row, 'code_mismatch', code.contactId);
    if (code.kind !== 'none') return `code_${code.kind}`;
  }
  const match = matchKeyword(text, await (ctx.keywords ??= tenantKeywords(tx, tenant.id)));
  if (!match) return 'ignored';
  if (match.kind === 'contains') return review(tx, row, 'contains_keyword');
  const evidence: MessageEvidence = {
    tenantId: tenant.id,
    messageId: row.messageId!,
    waId: row.waId,
    userId: row.userId,
    occurredAt: row.occurredAt,
    kind: row.itemType === 'text' ? 'keyword' : 'button',
  };
  if (match.kind === 'start') return startReply(tx, tenant, row, evidence);
  const outcome = await withdrawNumber(tx, evidence);
  if (outcome.stale.length && outcome.events.length === 0) await review(tx, row, 'stale', outcome.stale[0]);
  if (outcome.contact) await withdrawReply(tx, tenant, row, outcome.contact);
  return outcome.events.length ? outcome.events.map((e) => e.type).join(',') : 'no_consent';
}

/** Inside the window, one reply (no retry: 131047 means the window closed) in the contact's language. */
async function withdrawReply(tx: Tx, tenant: TenantInfo, row: InboxRow, contact: { id: string; language: Locale }) {
  if (!insideWindow(row.occurredAt)) return;
  const link = `${appUrl()}/c/${tenant.slug}/p/${contactToken(contact.id)}`;
  await enqueueWhatsapp(tx, {
    tenantId: tenant.id,
    idempotencyKey: `reply:${row.messageId}`,
    kind: 'withdraw_reply',
    toWaId: row.waId!,
    contactId: contact.id,
    body: whatsappTexts(contact.language)('reply.withdrawn', { company: tenant.name, link }),
    replyTo: { messageId: row.messageId!, at: row.occurredAt },
    retry: false,
  });
}

/** START never creates consent: it is answered with a personal consent link (the notice must be read and confirmed). */
async function startReply(tx: Tx, tenant: TenantInfo, row: InboxRow, m: MessageEvidence): Promise<string> {
  if (!insideWindow(row.occurredAt)) return 'start_late';
  const [contact] = await tx
    .select({ id: contacts.id, language: contacts.language })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenant.id), eq(contacts.phoneE164, `+${m.waId}`)))
    .orderBy(sql`${contacts.createdAt} desc`)
    .limit(1);
  const language = contact?.language ?? 'de';
  const link = await startLink(tx, { tenantId: tenant.id, slug: tenant.slug }, m.waId, contact?.id ?? null);
  const t = whatsappTexts(language);
  await enqueueWhatsapp(tx, {
    tenantId: tenant.id,
    idempotencyKey: `reply:${row.messageId}`,
    kind: 'start_reply',
    toWaId: m.waId,
    contactId: contact?.id ?? null,
    body: link ? t('reply.start', { company: tenant.name, link }) : t('reply.startUnavailable', { company: tenant.name }),
    replyTo: { messageId: row.messageId!, at: row.occurredAt },
  });
  return 'start_link';
}

async function processStatus(tx: Tx, tenant: TenantInfo, row: InboxRow): Promise<string> {
  const codes = ((row.details?.errorCodes as number[] | undefined) ?? []).filter((c) => typeof c === 'number');
  if (row.messageId && row.itemType === 'failed' && codes.length)
    await tx
      .update(whatsappOutbox)
      .set({ errorCode: codes[0]!, lastError: `status failed ${codes.join(',')}` })
      .where(and(eq(whatsappOutbox.tenantId, tenant.id), eq(whatsappOutbox.providerMessageId, row.messageId)));
  if (row.itemType !== 'failed' || !codes.some((c) => MARKETING_STOP_ERRORS.includes(c))) return `status_${row.itemType}`;
  if (!row.waId) return 'status_failed_no_number';
  await withdrawNumber(tx, { tenantId: tenant.id, messageId: row.messageId ?? row.externalKey, waId: row.waId, userId: row.userId, occurredAt: row.occurredAt, kind: 'error_131050' });
  return 'marketing_stop_131050';
}

async function processPreference(tx: Tx, tenant: TenantInfo, row: InboxRow): Promise<string> {
  const category = String(row.details?.category ?? '');
  if (!row.waId || category !== 'marketing_messages') return 'preference_ignored';
  const value = row.itemType === 'stop' ? 'stop' : row.itemType === 'resume' ? 'resume' : null;
  if (!value) return 'preference_ignored';
  // The latest preference by WhatsApp's own time: a late-delivered older one does not overwrite a newer one.
  await tx
    .insert(whatsappPreferences)
    .values({ tenantId: tenant.id, waId: row.waId, category, value, occurredAt: row.occurredAt })
    .onConflictDoUpdate({
      target: [whatsappPreferences.tenantId, whatsappPreferences.waId, whatsappPreferences.category],
      set: { value, occurredAt: row.occurredAt },
      setWhere: sql`${whatsappPreferences.occurredAt} <= ${row.occurredAt.toISOString()}::timestamptz`,
    });
  if (value === 'resume') return 'marketing_resume_recorded';
  await withdrawNumber(tx, { tenantId: tenant.id, messageId: row.externalKey, waId: row.waId, userId: row.userId, occurredAt: row.occurredAt, kind: 'user_preferences' });
  return 'marketing_stop';
}

/** Puts the message on the tenant's review list (once per inbox row); nothing else changes. */
async function review(tx: Tx, row: InboxRow, reason: string, contactId: string | null = null): Promise<string> {
  await tx
    .insert(whatsappReviewMessages)
    .values({ tenantId: row.tenantId, inboxId: row.id, reason, waId: row.waId, contactId, body: row.body, messageAt: row.occurredAt })
    .onConflictDoNothing();
  return `review_${reason}`;
}
