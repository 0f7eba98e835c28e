import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { consentEventSenders, contactIdentities, contacts, mailOutbox, whatsappOutbox } from '@/db/schema';
import type { Tx } from '@/db';
import { findContactByToken } from '@/lib/consent/find-contact';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { gatherContactHistory } from './history-data';
import { gatherReceipt } from './receipt-data';
import { buildConsentReceipt, type ConsentReceipt } from './receipt-json';
import type { HistoryData } from './types';

/** Mail kinds that went to the contact's own address; every other mail of an event went to the company. */
const CONTACT_KINDS = new Set(['contact_receipt', 'double_opt_in']);

export type AccessIdentity = { id: string; createdAt: Date; erasedAt: Date | null; name: string | null; phoneE164: string | null; email: string | null; salt: string | null };
export type AccessMail = { eventId: string | null; kind: string; audience: 'contact' | 'company'; to: string; status: string; queuedAt: Date; sentAt: Date | null };
export type AccessWhatsapp = { kind: string; to: string; status: string; queuedAt: Date; sentAt: Date | null; text: string };

/**
 * Everything held about one contact (GDPR Art. 15): the history (controller, every event with all hashed fields and
 * hashes, the notices shown), every identity version with its salt (so the person can recompute each pii_hash), the
 * senders of its WhatsApp events, the receipt of every event, and where the data went: the mails (to the contact or
 * the company's evidence address) and WhatsApp messages, with their dates.
 */
export type AccessData = HistoryData & {
  status: { status: string; since: Date; language: string; createdAt: Date };
  identities: AccessIdentity[];
  whatsappSenders: { eventId: string; waId: string | null; userId: string | null; erasedAt: Date | null }[];
  receipts: ConsentReceipt[];
  mails: AccessMail[];
  whatsappMessages: AccessWhatsapp[];
};

async function loadRecipients(tx: Tx, tenantId: string, contactId: string, eventIds: string[]) {
  const mails = eventIds.length
    ? await tx
        .select({ eventId: mailOutbox.relatedId, kind: mailOutbox.kind, to: mailOutbox.to, status: mailOutbox.status, queuedAt: mailOutbox.createdAt, sentAt: mailOutbox.sentAt })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.tenantId, tenantId), inArray(mailOutbox.relatedId, eventIds)))
        .orderBy(asc(mailOutbox.createdAt))
    : [];
  const whatsappMessages = await tx
    .select({ kind: whatsappOutbox.kind, to: whatsappOutbox.toWaId, status: whatsappOutbox.status, queuedAt: whatsappOutbox.createdAt, sentAt: whatsappOutbox.sentAt, text: whatsappOutbox.body })
    .from(whatsappOutbox)
    .where(and(eq(whatsappOutbox.tenantId, tenantId), eq(whatsappOutbox.contactId, contactId)))
    .orderBy(asc(whatsappOutbox.createdAt));
  return {
    mails: mails.map((m): AccessMail => ({ ...m, audience: CONTACT_KINDS.has(m.kind) ? 'contact' : 'company' })),
    whatsappMessages,
  };
}

/** The access data of one contact of the tenant ("not found" for another tenant's contact). */
export async function gatherAccess(tx: Tx, tenantId: string, contactId: string): Promise<AccessData> {
  const history = await gatherContactHistory(tx, tenantId, contactId);
  const [c] = await tx.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  if (!c) throw new DomainError('notFound', 404);
  const eventIds = history.events.map((e) => e.id);
  const identities = await tx
    .select({ id: contactIdentities.id, createdAt: contactIdentities.createdAt, erasedAt: contactIdentities.erasedAt, name: contactIdentities.name, phoneE164: contactIdentities.phoneE164, email: contactIdentities.email, salt: contactIdentities.piiSalt })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.tenantId, tenantId), eq(contactIdentities.contactId, contactId)))
    .orderBy(asc(contactIdentities.createdAt));
  const whatsappSenders = eventIds.length
    ? await tx
        .select({ eventId: consentEventSenders.eventId, waId: consentEventSenders.waId, userId: consentEventSenders.userId, erasedAt: consentEventSenders.erasedAt })
        .from(consentEventSenders)
        .where(and(eq(consentEventSenders.tenantId, tenantId), inArray(consentEventSenders.eventId, eventIds)))
    : [];
  const receipts: ConsentReceipt[] = [];
  for (const id of eventIds) receipts.push(buildConsentReceipt(await gatherReceipt(tx, tenantId, id)));
  return {
    ...history,
    status: { status: c.status, since: c.statusAt, language: c.language, createdAt: c.createdAt },
    identities,
    whatsappSenders,
    receipts,
    ...(await loadRecipients(tx, tenantId, contactId, eventIds)),
  };
}

/** The access data behind a personal link (the token is the capability; it names one contact). */
export async function accessForPersonalToken(slug: string, token: string): Promise<AccessData> {
  const { tenant, contact } = await withSystem((tx) => findContactByToken(tx, slug, token, 'contact'));
  return withTenant(tenant.id, (tx) => gatherAccess(tx, tenant.id, contact.id));
}

/** The machine-readable form of the access data (the JSON download): dates as ISO strings, a schema name first. */
export function accessJson(d: AccessData): string {
  const { verifyBaseUrl, ...rest } = d;
  return JSON.stringify({ schema: 'einwilligung-access-1', legalBasis: 'GDPR Art. 15', verifyBaseUrl, ...rest }, null, 2);
}
