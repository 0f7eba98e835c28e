import 'server-only';
import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import {
  consentEventSenders,
  consentEvents,
  contactIdentities,
  contacts,
  mailOutbox,
  tenants,
  whatsappInbox,
  whatsappOutbox,
  whatsappOwnershipCodes,
  whatsappPreferences,
  whatsappReviewMessages,
} from '@/db/schema';
import type { Tx } from '@/db';
import { DomainError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { appendEvent, findByIdempotencyKey, newEventId } from './append-event';
import { setContactStatus } from './contact-state';
import { CONTACT_MAIL, enqueueEvidenceMails } from './enqueue-evidence';

/** What an erased mail or WhatsApp row keeps as its recipient (the columns are NOT NULL): no address, no number. */
export const ERASED_RECIPIENT = 'erased';
/** Mail kinds addressed to the contact (their e-mail): erased with the contact. The tenant's evidence copies stay. */
const CONTACT_MAIL_KINDS = [CONTACT_MAIL, 'double_opt_in'];

export type EraseInput = {
  tenantId: string;
  contactId: string;
  idempotencyKey: string;
  language: Locale;
  ip: string | null;
  userAgent: string | null;
};

/** How many rows of each kind the erasure cleared (no personal data: counts only, for the audit row and the tests). */
export type ErasedCounts = { identities: number; senders: number; mails: number; whatsappMessages: number; codes: number; reviewMessages: number };
export type EraseResult = { eventId: string; replayed: boolean; counts: ErasedCounts | null };

/** The personal data a contact's rows may hold elsewhere: its e-mail addresses and WhatsApp ids (E.164 without "+"). */
async function dataOf(tx: Tx, tenantId: string, contact: typeof contacts.$inferSelect) {
  const identities = await tx
    .select({ email: contactIdentities.email, phone: contactIdentities.phoneE164 })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.tenantId, tenantId), eq(contactIdentities.contactId, contact.id)));
  const emails = new Set<string>();
  const waIds = new Set<string>();
  for (const x of [...identities, { email: contact.email, phone: contact.phoneE164 }]) {
    if (x.email) emails.add(x.email);
    if (x.phone) waIds.add(x.phone.replace(/^\+/, ''));
  }
  const events = await tx
    .select({ id: consentEvents.id, messageId: consentEvents.evidenceMessageId })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.contactId, contact.id)));
  return { contactId: contact.id, emails: [...emails], waIds: [...waIds], eventIds: events.map((e) => e.id), messageIds: events.flatMap((e) => (e.messageId ? [e.messageId] : [])) };
}

type Data = Awaited<ReturnType<typeof dataOf>>;
const count = (rows: unknown[]) => rows.length;

/**
 * Clears the contact's mails and WhatsApp traces: its own mails (the receipt copy, the confirmation link) lose the
 * address and content, unsent ones become dead; pending WhatsApp messages to it die, every message to it loses number
 * and text; ownership codes lose the number and expire; review-list messages and their inbox rows lose sender and text.
 */
async function clearMessages(tx: Tx, tenantId: string, contactId: string, d: Data) {
  const mails = d.eventIds.length && d.emails.length
    ? await tx
        .update(mailOutbox)
        .set({ to: ERASED_RECIPIENT, subject: '', html: '', text: '', attachments: [], status: sql`case when ${mailOutbox.status} = 'pending' then 'dead'::outbox_status else ${mailOutbox.status} end`, lastError: sql`case when ${mailOutbox.status} = 'pending' then 'erased (GDPR Art. 17)' else ${mailOutbox.lastError} end` })
        .where(and(eq(mailOutbox.tenantId, tenantId), inArray(mailOutbox.relatedId, d.eventIds), inArray(mailOutbox.to, d.emails), inArray(mailOutbox.kind, CONTACT_MAIL_KINDS)))
        .returning({ id: mailOutbox.id })
    : [];
  const toNumber = d.waIds.length ? and(isNull(whatsappOutbox.contactId), eq(whatsappOutbox.status, 'pending'), inArray(whatsappOutbox.toWaId, d.waIds)) : undefined;
  const whatsappMessages = await tx
    .update(whatsappOutbox)
    .set({ toWaId: ERASED_RECIPIENT, body: '', status: sql`case when ${whatsappOutbox.status} = 'pending' then 'dead'::outbox_status else ${whatsappOutbox.status} end`, lastError: sql`case when ${whatsappOutbox.status} = 'pending' then 'erased (GDPR Art. 17)' else ${whatsappOutbox.lastError} end` })
    .where(and(eq(whatsappOutbox.tenantId, tenantId), ne(whatsappOutbox.toWaId, ERASED_RECIPIENT), or(eq(whatsappOutbox.contactId, contactId), toNumber)))
    .returning({ id: whatsappOutbox.id, providerMessageId: whatsappOutbox.providerMessageId });
  const codes = await tx
    .update(whatsappOwnershipCodes)
    .set({ phoneE164: null, expiresAt: sql`least(${whatsappOwnershipCodes.expiresAt}, now())` })
    .where(and(eq(whatsappOwnershipCodes.tenantId, tenantId), eq(whatsappOwnershipCodes.contactId, contactId)))
    .returning({ id: whatsappOwnershipCodes.id });
  const reviews = await tx
    .update(whatsappReviewMessages)
    .set({ waId: null, body: null })
    .where(and(eq(whatsappReviewMessages.tenantId, tenantId), eq(whatsappReviewMessages.contactId, contactId)))
    .returning({ inboxId: whatsappReviewMessages.inboxId });
  const messageIds = [...d.messageIds, ...whatsappMessages.flatMap((m) => (m.providerMessageId ? [m.providerMessageId] : []))];
  await clearInbound(tx, tenantId, d, reviews.map((r) => r.inboxId), messageIds);
  return { mails: count(mails), whatsappMessages: count(whatsappMessages), codes: count(codes), reviewMessages: count(reviews) };
}

/**
 * The inbound side: the inbox rows behind the contact's review-list messages, its WhatsApp events and the delivery
 * statuses of messages to it lose sender and text; the number's marketing preference goes too, unless another contact
 * of the tenant (not erased) still has that number — the preference belongs to the number, not to one submission.
 */
async function clearInbound(tx: Tx, tenantId: string, d: Data, inboxIds: string[], messageIds: string[]) {
  if (inboxIds.length || messageIds.length) {
    await tx
      .update(whatsappInbox)
      .set({ waId: null, userId: null, body: null })
      .where(and(eq(whatsappInbox.tenantId, tenantId), or(inboxIds.length ? inArray(whatsappInbox.id, inboxIds) : undefined, messageIds.length ? inArray(whatsappInbox.messageId, messageIds) : undefined)));
  }
  for (const waId of d.waIds) {
    const [other] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.phoneE164, `+${waId}`), ne(contacts.id, d.contactId), ne(contacts.status, 'erased')))
      .limit(1);
    if (!other) await tx.delete(whatsappPreferences).where(and(eq(whatsappPreferences.tenantId, tenantId), eq(whatsappPreferences.waId, waId)));
  }
}

/**
 * Deletes the contact's personal data: every identity version's data and salt (the one change the append-only
 * trigger of migration 0003 allows), the senders of its WhatsApp events with their salts (trigger of 0005), its
 * messages (clearMessages). The contact row itself is cleared with the `erased` event (eraseContact).
 */
async function clearPersonalData(tx: Tx, tenantId: string, contactId: string, d: Data, now: Date): Promise<ErasedCounts> {
  const identities = await tx
    .update(contactIdentities)
    .set({ name: null, phoneE164: null, email: null, piiSalt: null, erasedAt: now })
    .where(and(eq(contactIdentities.tenantId, tenantId), eq(contactIdentities.contactId, contactId), isNull(contactIdentities.erasedAt)))
    .returning({ id: contactIdentities.id });
  const senders = d.eventIds.length
    ? await tx
        .update(consentEventSenders)
        .set({ waId: null, userId: null, salt: null, erasedAt: now })
        .where(and(eq(consentEventSenders.tenantId, tenantId), inArray(consentEventSenders.eventId, d.eventIds), isNull(consentEventSenders.erasedAt)))
        .returning({ id: consentEventSenders.eventId })
    : [];
  return { identities: count(identities), senders: count(senders), ...(await clearMessages(tx, tenantId, contactId, d)) };
}

/** The contact's `erased` event, if it has one. */
async function erasedEventOf(tx: Tx, tenantId: string, contactId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: consentEvents.id })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.contactId, contactId), eq(consentEvents.type, 'erased')))
    // By time, not seq: an event not yet sequenced into the log has none (#16).
    .orderBy(desc(consentEvents.occurredAt))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Erases one contact (GDPR Art. 17) in the caller's tenant transaction: its personal data everywhere (above), its
 * capabilities (personal and confirmation token hashes), then one `erased` event — committing to no personal data —
 * appended last, setting the status `erased`. Idempotent: a contact already erased (or the same idempotency key)
 * answers with its existing `erased` event and appends nothing. The events themselves stay untouched: their hashes
 * and pii_hash commitments still verify, and without the salts nobody can link them to a person any more.
 */
export async function eraseContact(tx: Tx, input: EraseInput): Promise<EraseResult> {
  const { tenantId, contactId } = input;
  // The row lock keeps two erasures of one contact (two tabs, the DPO and the contact) from both passing the check.
  const [contact] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
    .for('update');
  if (!contact) throw new DomainError('notFound', 404);
  const earlier = await findByIdempotencyKey(tx, tenantId, input.idempotencyKey);
  if (earlier) return { eventId: earlier.id, replayed: true, counts: null };
  if (contact.status === 'erased') {
    const id = await erasedEventOf(tx, tenantId, contactId);
    if (id) return { eventId: id, replayed: true, counts: null };
  }
  const now = new Date();
  const counts = await clearPersonalData(tx, tenantId, contactId, await dataOf(tx, tenantId, contact), now);
  const eventId = newEventId();
  const [tenant] = await tx.select({ evidenceEmail: tenants.evidenceEmail, evidenceDelivery: tenants.evidenceDelivery }).from(tenants).where(eq(tenants.id, tenantId));
  // The company's evidence of the erasure (rendered at send time: it shows no personal data any more).
  await enqueueEvidenceMails(tx, { tenantId, eventId, evidenceEmail: tenant?.evidenceEmail, evidenceDelivery: tenant?.evidenceDelivery, contactEmail: null, contactStatus: 'erased' });
  const cleared = { name: null, phoneE164: null, email: null, piiSalt: null, withdrawTokenHash: null, confirmTokenHash: null };
  await appendEvent(
    tx,
    {
      id: eventId,
      tenantId,
      type: 'erased',
      contactId,
      noticeVersionId: null,
      noticeHash: null,
      linkId: null,
      channel: 'whatsapp',
      language: input.language,
      ipTruncated: input.ip,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
      idempotencyKey: input.idempotencyKey,
      piiHash: null,
      identityId: null,
    },
    (at) => setContactStatus(tx, { tenantId, id: contactId }, 'erased', at, cleared),
  );
  return { eventId, replayed: false, counts };
}

/**
 * The tenant's other contacts holding exactly the same phone number or e-mail as this one (the same person's other
 * submissions, issue #11), not yet erased: what the DPO may erase together. Exact matches only, never a substring.
 */
export async function contactsSharingData(tx: Tx, tenantId: string, contactId: string): Promise<string[]> {
  const [c] = await tx.select({ phone: contacts.phoneE164, email: contacts.email }).from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  if (!c || (!c.phone && !c.email)) return [];
  const rows = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, tenantId),
        ne(contacts.id, contactId),
        ne(contacts.status, 'erased'),
        or(c.phone ? eq(contacts.phoneE164, c.phone) : undefined, c.email ? eq(contacts.email, c.email) : undefined),
      ),
    )
    .orderBy(contacts.createdAt);
  return rows.map((r) => r.id);
}

/**
 * The DPO's erasure: the contact, and with `sameData` every other contact of the tenant with exactly its number or
 * e-mail, in the one transaction. Each contact gets its own `erased` event (idempotency key derived per contact).
 */
export async function eraseContacts(tx: Tx, input: EraseInput & { sameData: boolean }): Promise<{ contactIds: string[]; eventIds: string[]; appended: number }> {
  const others = input.sameData ? await contactsSharingData(tx, input.tenantId, input.contactId) : [];
  const contactIds = [input.contactId, ...others];
  const eventIds: string[] = [];
  let appended = 0;
  for (const [i, contactId] of contactIds.entries()) {
    const r = await eraseContact(tx, { ...input, contactId, idempotencyKey: i === 0 ? input.idempotencyKey : `${input.idempotencyKey}:${contactId}` });
    eventIds.push(r.eventId);
    if (!r.replayed) appended++;
  }
  return { contactIds, eventIds, appended };
}
