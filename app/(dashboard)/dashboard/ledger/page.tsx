import { LedgerFilters } from '@/components/ledger/ledger-filters';
import { LedgerHeader } from '@/components/ledger/ledger-header';
import { LedgerLogCard } from '@/components/ledger/ledger-log-card';
import { LedgerPaging } from '@/components/ledger/ledger-paging';
import { isFiltered } from '@/components/ledger/ledger-query';
import { LedgerTable } from '@/components/ledger/ledger-table';
import { ReportForm } from '@/components/ledger/report-form';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { ledgerFilterOptions } from '@/lib/ledger/filter-options';
import { listEvents } from '@/lib/ledger/list-events';
import { ledgerLogInfo } from '@/lib/ledger/log-info';
import { ledgerFilterSchema, type LedgerFilter } from '@/lib/ledger/schemas';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /dashboard/ledger – the consent ledger: filters, search, keyset pages, exports, chain verification, and the
// transparency log's key and latest signed checkpoint (issue #16).
export default async function LedgerPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireMember('ledger.read');
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = ledgerFilterSchema.safeParse(raw);
  const filter: LedgerFilter = parsed.success ? parsed.data : {};
  const { page, options, log } = await withTenant(ctx.tenantId, async (tx) => ({
    page: await listEvents(tx, ctx.tenantId, filter),
    options: await ledgerFilterOptions(tx, ctx.tenantId),
    log: await ledgerLogInfo(tx, ctx.tenantId),
  }));
  const filtered = isFiltered(filter);
  return (
    <div className="flex flex-col gap-6">
      <LedgerHeader role={ctx.role} filter={filter} />
      <LedgerFilters filter={filter} options={options} invalid={!parsed.success} filtered={filtered} />
      <LedgerTable rows={page.rows} filtered={filtered} />
      {can(ctx.role, 'proofs.download') && <ReportForm from={filter.from} to={filter.to} />}
      <LedgerPaging filter={filter} nextCursor={page.nextCursor} />
      <LedgerLogCard info={log} tenantId={ctx.tenantId} />
    </div>
  );
}
