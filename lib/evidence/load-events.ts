import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { contactIdentities, contacts, consentEvents, inviteLinks, noticeVersions } from '@/db/schema';
import type { Tx } from '@/db';
import { DomainError } from '@/lib/errors';
import type { EvidenceContact, EvidenceEvent, EvidenceNotice } from './types';

function eventsQuery(tx: Tx) {
  return tx
    .select({ event: consentEvents, linkLabel: inviteLinks.label })
    .from(consentEvents)
    .leftJoin(inviteLinks, and(eq(inviteLinks.tenantId, consentEvents.tenantId), eq(inviteLinks.id, consentEvents.linkId)))
    .$dynamic();
}

/** A ledger row with its link label as the evidence documents show it. */
export function toEvidenceEvent({ event: e, linkLabel }: { event: typeof consentEvents.$inferSelect; linkLabel: string | null }): EvidenceEvent {
  return {
    id: e.id,
    seq: e.seq,
    canonVersion: e.canonVersion,
    type: e.type,
    occurredAt: e.occurredAt,
    contactId: e.contactId,
    noticeVersionId: e.noticeVersionId,
    noticeHash: e.noticeHash,
    linkId: e.linkId,
    linkLabel,
    channel: e.channel,
    language: e.language,
    ipTruncated: e.ipTruncated,
    userAgent: e.userAgent,
    piiHash: e.piiHash,
    identityId: e.identityId,
    prevHash: e.prevHash,
    hash: e.hash,
    whatsapp: e.evidenceChannel === 'whatsapp' ? { kind: e.evidenceKind, messageId: e.evidenceMessageId, messageAt: e.evidenceMessageAt } : null,
  };
}

/** One event of the tenant with its link label, or null (also for another tenant's id). */
export async function loadEvent(tx: Tx, tenantId: string, eventId: string): Promise<EvidenceEvent | null> {
  const [row] = await eventsQuery(tx).where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.id, eventId)));
  return row ? toEvidenceEvent(row) : null;
}

/** A contact's events in chain order, with link labels. */
export async function loadContactEvents(tx: Tx, tenantId: string, contactId: string): Promise<EvidenceEvent[]> {
  const rows = await eventsQuery(tx)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.contactId, contactId)))
    .orderBy(asc(consentEvents.seq), asc(consentEvents.occurredAt)); // unsealed (NULLS LAST) = newest
  return rows.map(toEvidenceEvent);
}

/**
 * The personal data as the given event recorded it (its identity version), with the contact's current state; null
 * once erased. Never the contact's latest data: a receipt shows what *its* event committed to. "Not found" for a
 * contact that is not the tenant's.
 */
export async function loadContact(tx: Tx, tenantId: string, contactId: string, identityId: string | null): Promise<EvidenceContact | null> {
  const [c] = await tx
    .select({ status: contacts.status, identity: contactIdentities })
    .from(contacts)
    .leftJoin(
      contactIdentities,
      and(eq(contactIdentities.tenantId, contacts.tenantId), eq(contactIdentities.contactId, contacts.id), eq(contactIdentities.id, identityId ?? sql`null`)),
    )
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  if (!c) throw new DomainError('notFound', 404);
  if (c.status === 'erased' || c.identity?.erasedAt) return null;
  const i = c.identity;
  return { name: i?.name ?? null, phoneE164: i?.phoneE164 ?? null, email: i?.email ?? null, status: c.status };
}

/** The given notice versions of the tenant, oldest version first. */
export async function loadNoticeVersions(tx: Tx, tenantId: string, ids: string[]): Promise<EvidenceNotice[]> {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: noticeVersions.id,
      title: noticeVersions.title,
      body: noticeVersions.body,
      purpose: noticeVersions.purpose,
      legalBasis: noticeVersions.legalBasis,
      version: noticeVersions.version,
      language: noticeVersions.language,
      textHash: noticeVersions.textHash,
    })
    .from(noticeVersions)
    .where(and(eq(noticeVersions.tenantId, tenantId), inArray(noticeVersions.id, [...new Set(ids)])))
    .orderBy(asc(noticeVersions.noticeId), asc(noticeVersions.version));
}
