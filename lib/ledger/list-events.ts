import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { consentEvents, contacts, inviteLinks, noticeVersions } from '@/db/schema';
import type { Tx } from '@/db';
import { berlinDayStart, decodeCursor, encodeCursor, type LedgerFilter } from './schemas';

export const PAGE_SIZE = 50;

/** The WHERE clause shared by the list, the CSV export and the report: one definition of "matching events". */
export function ledgerWhere(tenantId: string, f: LedgerFilter): SQL {
  const conds: (SQL | undefined)[] = [eq(consentEvents.tenantId, tenantId)];
  if (f.type) conds.push(eq(consentEvents.type, f.type));
  if (f.from) conds.push(gte(consentEvents.occurredAt, berlinDayStart(f.from)));
  if (f.to) conds.push(lt(consentEvents.occurredAt, new Date(berlinDayStart(f.to).getTime() + 86_400_000)));
  if (f.link) conds.push(eq(consentEvents.linkId, f.link));
  if (f.notice) conds.push(eq(consentEvents.noticeVersionId, f.notice));
  if (f.q) {
    const digits = f.q.replace(/[^\d]/g, '');
    const byName = ilike(contacts.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conds.push(digits.length >= 4 ? or(byName, sql`${contacts.phoneE164} like ${`%${digits.replace(/^0+/, '')}%`}`) : byName);
  }
  return and(...conds)!;
}

/** Columns of a ledger row as the dashboard and the exports show it. */
export const ledgerColumns = {
  id: consentEvents.id,
  seq: consentEvents.seq,
  type: consentEvents.type,
  occurredAt: consentEvents.occurredAt,
  contactId: consentEvents.contactId,
  contactName: contacts.name,
  contactPhone: contacts.phoneE164,
  contactEmail: contacts.email,
  contactStatus: contacts.status,
  linkId: consentEvents.linkId,
  linkLabel: inviteLinks.label,
  noticeVersionId: consentEvents.noticeVersionId,
  noticeVersion: noticeVersions.version,
  noticeHash: consentEvents.noticeHash,
  language: consentEvents.language,
  ipTruncated: consentEvents.ipTruncated,
  userAgent: consentEvents.userAgent,
  hash: consentEvents.hash,
  prevHash: consentEvents.prevHash,
};

/** The ledger query with its joins; every join carries tenant_id (composite keys). */
export function ledgerQuery(tx: Tx, tenantId: string, f: LedgerFilter, after: { occurredAt: Date; id: string } | null, limit: number) {
  // A row comparison, so PostgreSQL uses it as an index condition on (tenant_id, occurred_at, id): every page and
  // export batch starts where the last one ended instead of rescanning from the newest row.
  const keyset = after
    ? sql`(${consentEvents.occurredAt}, ${consentEvents.id}) < (${after.occurredAt.toISOString()}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return tx
    .select(ledgerColumns)
    .from(consentEvents)
    .innerJoin(contacts, and(eq(contacts.tenantId, consentEvents.tenantId), eq(contacts.id, consentEvents.contactId)))
    .leftJoin(inviteLinks, and(eq(inviteLinks.tenantId, consentEvents.tenantId), eq(inviteLinks.id, consentEvents.linkId)))
    .leftJoin(noticeVersions, and(eq(noticeVersions.tenantId, consentEvents.tenantId), eq(noticeVersions.id, consentEvents.noticeVersionId)))
    .where(and(ledgerWhere(tenantId, f), keyset))
    .orderBy(desc(consentEvents.occurredAt), desc(consentEvents.id))
    .limit(limit);
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerQuery>>[number];

/** One page of the ledger, newest first, with keyset pagination (no OFFSET: deep pages cost the same). */
export async function listEvents(tx: Tx, tenantId: string, f: LedgerFilter, pageSize = PAGE_SIZE) {
  const rows = await ledgerQuery(tx, tenantId, f, decodeCursor(f.cursor), pageSize + 1);
  const page = rows.slice(0, pageSize);
  return { rows: page, nextCursor: rows.length > pageSize ? encodeCursor(page[page.length - 1]!) : null };
}

/** All matching rows in batches, for streamed exports: memory stays at one batch however large the ledger. */
export async function* iterateEvents(tx: Tx, tenantId: string, f: LedgerFilter, batchSize = 2000): AsyncGenerator<LedgerRow[]> {
  let after: { occurredAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await ledgerQuery(tx, tenantId, f, after, batchSize);
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { occurredAt: last.occurredAt, id: last.id };
  }
}
