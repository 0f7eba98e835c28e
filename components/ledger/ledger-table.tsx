import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { LedgerRow } from '@/lib/ledger/list-events';
import { EventBadge } from './event-badge';

const COLUMNS = ['time', 'type', 'contact', 'phone', 'link', 'noticeVersion', 'hash', 'log'] as const;

/**
 * One page of ledger events as a table, or the empty state (no events yet, or none matching the filter). The last
 * column: "recorded" until the sequencer seals the event, then "sealed in checkpoint N" (issue #16).
 */
export async function LedgerTable({ rows, filtered }: { rows: (LedgerRow & { sealedIn: number | null })[]; filtered: boolean }) {
  const t = await getTranslations('ledger');
  const format = await getFormatter();
  if (rows.length === 0) return <p className="card text-gray-700">{filtered ? t('noMatches') : t('empty')}</p>;
  return (
    <div className="card overflow-x-auto p-0">
      <table className="table">
        <caption className="sr-only">{t('title')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {t(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
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
              <td className="whitespace-nowrap" data-testid="ledger-seal">
                {r.sealedIn === null ? t('recorded') : t('sealedIn', { n: r.sealedIn })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
