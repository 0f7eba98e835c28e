import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { EventBadge } from '@/components/ledger/event-badge';
import { VerifyChainButton } from '@/components/ledger/verify-chain-button';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { EVENT_TYPES } from '@/lib/consent/types';
import { withTenant } from '@/lib/db/with-tenant';
import { ledgerFilterOptions } from '@/lib/ledger/filter-options';
import { listEvents } from '@/lib/ledger/list-events';
import { ledgerFilterSchema, type LedgerFilter } from '@/lib/ledger/schemas';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function queryString(f: LedgerFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, cursor: undefined, ...extra })) if (v) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
const monthStart = () => `${today().slice(0, 8)}01`;

// GET /dashboard/ledger – the consent ledger: filters, search, keyset pages, exports, chain verification.
export default async function LedgerPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireMember('ledger.read');
  const t = await getTranslations('ledger');
  const format = await getFormatter();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = ledgerFilterSchema.safeParse(raw);
  const filter: LedgerFilter = parsed.success ? parsed.data : {};
  const { page, options } = await withTenant(ctx.tenantId, async (tx) => ({
    page: await listEvents(tx, ctx.tenantId, filter),
    options: await ledgerFilterOptions(tx, ctx.tenantId),
  }));
  const filtered = Object.entries(filter).some(([k, v]) => k !== 'cursor' && v);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <div className="flex flex-wrap items-start gap-3">
          {can(ctx.role, 'ledger.export') && (
            <>
              <a href={`/dashboard/ledger/export.csv${queryString(filter)}`} className="btn-secondary" download>
                {t('exportCsv')}
              </a>
              <a href="/dashboard/ledger/contacts.vcf" className="btn-secondary" download>
                {t('exportVcard')}
              </a>
            </>
          )}
          {can(ctx.role, 'ledger.verify') && <VerifyChainButton />}
        </div>
      </div>

      <form method="get" className="card grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t('filters')}>
        {!parsed.success && (
          <p className="notice-error sm:col-span-3 lg:col-span-6" role="alert">
            {t('badFilter')}
          </p>
        )}
        <div className="field lg:col-span-2">
          <label htmlFor="q" className="label">
            {t('search')}
          </label>
          <input id="q" name="q" type="search" className="input" maxLength={100} defaultValue={filter.q} placeholder={t('searchPlaceholder')} />
        </div>
        <div className="field">
          <label htmlFor="type" className="label">
            {t('type')}
          </label>
          <select id="type" name="type" className="input" defaultValue={filter.type ?? ''}>
            <option value="">{t('all')}</option>
            {EVENT_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`type_${ty}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from" className="label">
            {t('from')}
          </label>
          <input id="from" name="from" type="date" className="input" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="to" className="label">
            {t('to')}
          </label>
          <input id="to" name="to" type="date" className="input" defaultValue={filter.to} />
        </div>
        <div className="field">
          <label htmlFor="link" className="label">
            {t('link')}
          </label>
          <select id="link" name="link" className="input" defaultValue={filter.link ?? ''}>
            <option value="">{t('all')}</option>
            {options.links.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field lg:col-span-2">
          <label htmlFor="notice" className="label">
            {t('noticeVersion')}
          </label>
          <select id="notice" name="notice" className="input" defaultValue={filter.notice ?? ''}>
            <option value="">{t('all')}</option>
            {options.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.notice} · v{v.version} ({v.language})
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-3 lg:col-span-4">
          <button type="submit" className="btn-primary">
            {t('applyFilters')}
          </button>
          {filtered && (
            <Link href="/dashboard/ledger" className="link">
              {t('resetFilters')}
            </Link>
          )}
        </div>
      </form>

      {page.rows.length === 0 ? (
        <p className="card text-gray-700">{filtered ? t('noMatches') : t('empty')}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="table">
            <caption className="sr-only">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('time')}</th>
                <th scope="col">{t('type')}</th>
                <th scope="col">{t('contact')}</th>
                <th scope="col">{t('phone')}</th>
                <th scope="col">{t('link')}</th>
                <th scope="col">{t('noticeVersion')}</th>
                <th scope="col">{t('hash')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id} data-testid="ledger-row">
                  <td className="whitespace-nowrap">{format.dateTime(r.occurredAt, { dateStyle: 'short', timeStyle: 'medium' })}</td>
                  <td>
                    <EventBadge type={r.type} />
                  </td>
                  <td>
                    <Link href={`/dashboard/ledger/contacts/${r.contactId}`} className="link">
                      {r.contactName ?? t('anonymous')}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap">{r.contactPhone ?? '–'}</td>
                  <td>{r.linkLabel ?? '–'}</td>
                  <td>{r.noticeVersion ? `v${r.noticeVersion}` : '–'}</td>
                  <td className="font-mono text-xs" title={r.hash}>
                    {r.hash.slice(0, 12)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can(ctx.role, 'proofs.download') && (
        <form method="get" action="/dashboard/ledger/report.pdf" className="card flex flex-wrap items-end gap-3" aria-labelledby="report-h">
          <div className="w-full">
            <h2 id="report-h" className="font-semibold">
              {t('reportTitle')}
            </h2>
            <p className="text-sm text-gray-700">{t('reportHint')}</p>
          </div>
          <div className="field">
            <label htmlFor="report-from" className="label">
              {t('from')}
            </label>
            <input id="report-from" name="from" type="date" required className="input" defaultValue={filter.from ?? monthStart()} />
          </div>
          <div className="field">
            <label htmlFor="report-to" className="label">
              {t('to')}
            </label>
            <input id="report-to" name="to" type="date" required className="input" defaultValue={filter.to ?? today()} />
          </div>
          <button type="submit" className="btn-secondary">
            {t('downloadReport')}
          </button>
        </form>
      )}
      <nav aria-label={t('pagination')} className="flex gap-4">
        {filter.cursor && (
          <Link href={`/dashboard/ledger${queryString(filter)}`} className="link">
            {t('firstPage')}
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/dashboard/ledger${queryString(filter, { cursor: page.nextCursor })}`} className="link">
            {t('nextPage')}
          </Link>
        )}
      </nav>
    </div>
  );
}
