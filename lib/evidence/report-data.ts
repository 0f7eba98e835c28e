import 'server-only';
import { count } from 'drizzle-orm';
import { consentEvents } from '@/db/schema';
import type { Tx } from '@/db';
import { EVENT_TYPES } from '@/lib/consent/types';
import { verifyChain } from '@/lib/consent/verify-chain';
import { iterateEvents, ledgerWhere } from '@/lib/ledger/list-events';
import type { LedgerFilter } from '@/lib/ledger/schemas';
import { loadController } from './load-controller';
import type { ReportRange } from './schemas';
import type { EventCounts, ReportData, ReportRow } from './types';

async function* reportRows(tx: Tx, tenantId: string, filter: LedgerFilter): AsyncGenerator<ReportRow[]> {
  for await (const batch of iterateEvents(tx, tenantId, filter)) {
    yield batch.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurredAt,
      type: r.type,
      contactName: r.contactName,
      linkLabel: r.linkLabel,
      noticeVersion: r.noticeVersion,
      hash: r.hash,
    }));
  }
}

/**
 * The ledger report of a date range (Europe/Berlin days): counts per type, the whole chain's verification, and the
 * range's events as a batched async iterator (read while rendering, so call the renderer inside the same `tx`).
 */
export async function gatherLedgerReport(tx: Tx, tenantId: string, range: ReportRange): Promise<ReportData> {
  const filter: LedgerFilter = { from: range.from, to: range.to };
  const grouped = await tx
    .select({ type: consentEvents.type, n: count() })
    .from(consentEvents)
    .where(ledgerWhere(tenantId, filter))
    .groupBy(consentEvents.type);
  const counts = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as EventCounts;
  for (const g of grouped) counts[g.type] = Number(g.n);
  return {
    controller: await loadController(tx, tenantId),
    from: range.from,
    to: range.to,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    chain: await verifyChain(tx, tenantId),
    rows: reportRows(tx, tenantId, filter),
    generatedAt: new Date(),
  };
}
