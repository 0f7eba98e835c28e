import 'server-only';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { consentEvents, contacts, inviteLinks, noticeVersions } from '@/db/schema';
import type { Tx } from '@/db';
import { prefetchedBatches } from '@/lib/db/prefetched-batches';
import { berlinDayEnd, berlinDayStart } from '@/lib/berlin-day';
import { decodeCursor, encodeCursor, type LedgerFilter } from './schemas';
import { sealedInCheckpoints } from './sealed-in';
import { matchCondition, matchContacts, searchFilter, searchPatterns, type ContactMatch } from './search';

export const PAGE_SIZE = 50;

/**
 * The WHERE clause shared by the list, the CSV export and the report: one definition of "matching events".
 * `match` is the search resolved to contact ids (matchContacts); without it the search is a filter on the contact.
 */
export function ledgerWhere(tenantId: string, f: LedgerFilter, match?: ContactMatch): SQL {
  const conds: (SQL | undefined)[] = [eq(consentEvents.tenantId, tenantId)];
  if (f.type) conds.push(eq(consentEvents.type, f.type));
  if (f.from) conds.push(gte(consentEvents.occurredAt, berlinDayStart(f.from)));
  if (f.to) conds.push(lt(consentEvents.occurredAt, berlinDayEnd(f.to)));
  if (f.link) conds.push(eq(consentEvents.linkId, f.link));
  if (f.notice) conds.push(eq(consentEvents.noticeVersionId, f.notice));
  if (f.q) conds.push(match ? matchCondition(match, searchPatterns(f.q)) : searchFilter(searchPatterns(f.q)));
  return and(...conds)!;
}

/** Resolves the filter's search, if any, once per listing or export (see lib/ledger/search.ts). */
export async function resolveSearch(tx: Tx, f: LedgerFilter): Promise<ContactMatch | undefined> {
  return f.q ? matchContacts(tx, f.q) : undefined;
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

/**
 * Events after the cursor in the ledger's order. A row comparison, so PostgreSQL uses it as an index condition on
 * (tenant_id, occurred_at, id): every page and export batch starts where the last one ended instead of rescanning.
 */
function keysetBefore(after: { occurredAt: Date; id: string }): SQL {
  return sql`(${consentEvents.occurredAt}, ${consentEvents.id}) < (${after.occurredAt.toISOString()}::timestamptz, ${after.id}::uuid)`;
}

const byColumnsDesc = [desc(consentEvents.occurredAt), desc(consentEvents.id)];
/**
 * The same order as one row value, which no index provides: with a search's contact ids the planner must then fetch
 * their events through (tenant_id, contact_id) and sort them, instead of walking the time index newest first in the
 * hope of meeting those contacts soon (measured: 11,000 events read for a page of 804 contacts; all of them if the
 * contacts are old).
 */
const byRowDesc = [sql`(${consentEvents.occurredAt}, ${consentEvents.id}) desc`];

/** The ledger query with its joins; every join carries tenant_id (composite keys). */
export function ledgerQuery(
  tx: Tx,
  tenantId: string,
  f: LedgerFilter,
  after: { occurredAt: Date; id: string } | null,
  limit: number,
  match?: ContactMatch,
  extra?: SQL,
) {
  const keyset = after ? keysetBefore(after) : undefined;
  return tx
    .select(ledgerColumns)
    .from(consentEvents)
    .innerJoin(contacts, and(eq(contacts.tenantId, consentEvents.tenantId), eq(contacts.id, consentEvents.contactId)))
    .leftJoin(inviteLinks, and(eq(inviteLinks.tenantId, consentEvents.tenantId), eq(inviteLinks.id, consentEvents.linkId)))
    .leftJoin(noticeVersions, and(eq(noticeVersions.tenantId, consentEvents.tenantId), eq(noticeVersions.id, consentEvents.noticeVersionId)))
    .where(and(ledgerWhere(tenantId, f, match), keyset, extra))
    .orderBy(...(match && 'ids' in match ? byRowDesc : byColumnsDesc))
    .limit(limit);
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerQuery>>[number];

/** Events a search first tries to fill its page from (see listEvents). */
export const SEARCH_PROBE_EVENTS = 1000;

/**
 * The `occurred_at` of the n-th event after the cursor (an index-only scan), or null when fewer remain. Fetched
 * first and passed as a value: as a subquery in the probe it would be a filter, not an index condition (RLS lets
 * only leakproof conditions into the index scan, and a subplan is not).
 */
async function windowFloor(tx: Tx, tenantId: string, after: { occurredAt: Date; id: string } | null, n: number): Promise<Date | null> {
  const [row] = await tx
    .select({ at: consentEvents.occurredAt })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), after ? keysetBefore(after) : undefined))
    .orderBy(...byColumnsDesc)
    .offset(n - 1)
    .limit(1);
  return row?.at ?? null;
}

/**
 * One page of the ledger, newest first, with keyset pagination (no OFFSET: deep pages cost the same).
 * A search first looks at the next SEARCH_PROBE_EVENTS events only: a common term ("anna") fills its page there,
 * and is then done without collecting its thousands of matching contacts; a rarer one goes through their ids.
 */
export async function listEvents(tx: Tx, tenantId: string, f: LedgerFilter, pageSize = PAGE_SIZE) {
  const after = decodeCursor(f.cursor);
  let rows: LedgerRow[] | undefined;
  if (f.q) {
    const floor = await windowFloor(tx, tenantId, after, SEARCH_PROBE_EVENTS);
    const probe = await ledgerQuery(tx, tenantId, f, after, pageSize + 1, { dense: true }, floor ? gte(consentEvents.occurredAt, floor) : undefined);
    // A full page from the newest events is the page; so is whatever the probe found when it saw every event left.
    if (probe.length > pageSize || !floor) rows = probe;
  }
  rows ??= await ledgerQuery(tx, tenantId, f, after, pageSize + 1, await resolveSearch(tx, f));
  const page = rows.slice(0, pageSize);
  // "sealed in checkpoint N" for the page's rows only: one checkpoint-key probe per row, not per event of the log.
  const sealed = await sealedInCheckpoints(tx, tenantId, page.map((r) => r.seq));
  return {
    rows: page.map((r) => ({ ...r, sealedIn: r.seq === null ? null : (sealed.get(r.seq) ?? null) })),
    nextCursor: rows.length > pageSize ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** All matching rows in batches, for streamed exports (see prefetchedBatches: the next batch is read meanwhile). */
export async function* iterateEvents(tx: Tx, tenantId: string, f: LedgerFilter, batchSize = 2000): AsyncGenerator<LedgerRow[]> {
  const match = await resolveSearch(tx, f);
  yield* prefetchedBatches(
    (after: { occurredAt: Date; id: string } | null) => ledgerQuery(tx, tenantId, f, after, batchSize, match).execute(),
    (last) => ({ occurredAt: last.occurredAt, id: last.id }),
    batchSize,
  );
}
