import 'server-only';
import { and, asc, between, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { contactIdentities, contacts, consentEvents, evidenceDigests, inviteLinks, noticeVersions } from '@/db/schema';
import type { Tx } from '@/db';
import type { EventType } from '@/lib/consent/types';
import { DomainError } from '@/lib/errors';
import { csvCell } from '@/lib/ledger/export-csv';
import { loadController } from './load-controller';
import { toEvidenceEvent } from './load-events';
import { verifyUrlOf } from './receipt-data';
import type { EvidenceContact, EvidenceController, EvidenceEvent } from './types';

/** The event types a digest lists: decisions, not erasures (an erasure is not a decision to prove). */
export const DIGEST_TYPES = ['opt_in', 'opt_out', 'confirmed', 'withdrawn'] as const satisfies readonly EventType[];

/** The notice a decision refers to: its own (opt-in/opt-out), or for a confirmation or withdrawal the one of its consent. */
export type DigestNotice = { version: number; title: string; textHash: string | null; fromSeq: number | null };

/** One decision in a digest: the compact receipt (who, what, when, notice, link, hashes, verify URL). */
export type DigestEntry = { event: EvidenceEvent; contact: EvidenceContact | null; notice: DigestNotice | null; verifyUrl: string };

export type DigestData = {
  controller: EvidenceController;
  digest: { id: string; fromSeq: number; toSeq: number; periodStart: Date; periodEnd: Date; createdAt: Date };
  entries: DigestEntry[];
};

/**
 * Everything a digest mail carries, read from the digest row and the ledger range it names — nothing depends on
 * when it is read (dated from the row, personal data from each event's own identity version), so every attempt of
 * the deferred mail composes the same bytes. "Not found" for a digest that is not the tenant's.
 */
export async function gatherDigest(tx: Tx, tenantId: string, digestId: string): Promise<DigestData> {
  const [d] = await tx
    .select()
    .from(evidenceDigests)
    .where(and(eq(evidenceDigests.tenantId, tenantId), eq(evidenceDigests.id, digestId)));
  if (!d) throw new DomainError('notFound', 404);
  const rows = await tx
    .select({
      event: consentEvents,
      linkLabel: inviteLinks.label,
      identity: { name: contactIdentities.name, phoneE164: contactIdentities.phoneE164, email: contactIdentities.email, erasedAt: contactIdentities.erasedAt },
      status: contacts.status,
      notice: { version: noticeVersions.version, title: noticeVersions.title, textHash: noticeVersions.textHash },
    })
    .from(consentEvents)
    .leftJoin(inviteLinks, and(eq(inviteLinks.tenantId, consentEvents.tenantId), eq(inviteLinks.id, consentEvents.linkId)))
    .leftJoin(
      contactIdentities,
      and(eq(contactIdentities.tenantId, consentEvents.tenantId), eq(contactIdentities.contactId, consentEvents.contactId), eq(contactIdentities.id, consentEvents.identityId)),
    )
    .innerJoin(contacts, and(eq(contacts.tenantId, consentEvents.tenantId), eq(contacts.id, consentEvents.contactId)))
    .leftJoin(noticeVersions, and(eq(noticeVersions.tenantId, consentEvents.tenantId), eq(noticeVersions.id, consentEvents.noticeVersionId)))
    .where(and(eq(consentEvents.tenantId, tenantId), between(consentEvents.seq, d.fromSeq, d.toSeq), inArray(consentEvents.type, [...DIGEST_TYPES])))
    .orderBy(asc(consentEvents.seq));

  // Confirmations and withdrawals carry no notice: name the one of the contact's latest consent before them (the
  // receipt does the same), read in one query for all of them. Only events up to this digest's end count.
  const needNotice = [...new Set(rows.filter((r) => !r.event.noticeVersionId).map((r) => r.event.contactId))];
  const consents = needNotice.length
    ? await tx
        .select({ contactId: consentEvents.contactId, seq: consentEvents.seq, version: noticeVersions.version, title: noticeVersions.title, textHash: consentEvents.noticeHash })
        .from(consentEvents)
        .innerJoin(noticeVersions, and(eq(noticeVersions.tenantId, consentEvents.tenantId), eq(noticeVersions.id, consentEvents.noticeVersionId)))
        .where(
          and(
            eq(consentEvents.tenantId, tenantId),
            inArray(consentEvents.contactId, needNotice),
            eq(consentEvents.type, 'opt_in'),
            isNotNull(consentEvents.noticeVersionId),
            sql`${consentEvents.seq} <= ${d.toSeq}`,
          ),
        )
        .orderBy(asc(consentEvents.seq))
    : [];

  const entries = rows.map((r): DigestEntry => {
    const event = toEvidenceEvent(r);
    const i = r.identity;
    const contact = r.status === 'erased' || i?.erasedAt ? null : { name: i?.name ?? null, phoneE164: i?.phoneE164 ?? null, email: i?.email ?? null, status: r.status };
    let notice: DigestNotice | null = r.notice ? { ...r.notice, textHash: event.noticeHash, fromSeq: null } : null;
    if (!notice) {
      const c = consents.filter((x) => x.contactId === event.contactId && x.seq! < event.seq!).at(-1);
      if (c) notice = { version: c.version, title: c.title, textHash: c.textHash, fromSeq: c.seq };
    }
    return { event, contact, notice, verifyUrl: verifyUrlOf(event.hash) };
  });
  return {
    controller: await loadController(tx, tenantId),
    digest: { id: d.id, fromSeq: d.fromSeq, toSeq: d.toSeq, periodStart: d.periodStart, periodEnd: d.periodEnd, createdAt: d.createdAt },
    entries,
  };
}

const CSV_COLUMNS: [string, (e: DigestEntry) => unknown][] = [
  ['seq', (e) => e.event.seq],
  ['occurred_at_utc', (e) => e.event.occurredAt.toISOString()],
  ['type', (e) => e.event.type],
  ['contact_name', (e) => e.contact?.name],
  ['contact_phone', (e) => e.contact?.phoneE164],
  ['contact_email', (e) => e.contact?.email],
  ['contact_id', (e) => e.event.contactId],
  ['link', (e) => e.event.linkLabel],
  ['notice_version', (e) => e.notice?.version],
  ['notice_sha256', (e) => e.notice?.textHash],
  ['notice_from_seq', (e) => e.notice?.fromSeq],
  ['language', (e) => e.event.language],
  ['ip_truncated', (e) => e.event.ipTruncated],
  ['event_id', (e) => e.event.id],
  ['hash', (e) => e.event.hash],
  ['prev_hash', (e) => e.event.prevHash],
  ['verify_url', (e) => e.verifyUrl],
];

/** The digest's decisions as CSV (RFC 4180, formulas defused, BOM for Excel) — the same cells as the ledger export. */
export function digestCsv(entries: DigestEntry[]): string {
  let out = '\uFEFF' + CSV_COLUMNS.map(([n]) => n).join(',') + '\r\n';
  for (const e of entries) out += CSV_COLUMNS.map(([, f]) => csvCell(f(e))).join(',') + '\r\n';
  return out;
}
