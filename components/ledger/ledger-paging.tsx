import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { LedgerFilter } from '@/lib/ledger/schemas';
import { ledgerQueryString } from './ledger-query';

/** Keyset paging: back to the first page (when on a later one) and on to the next (when there is one). */
export async function LedgerPaging({ filter, nextCursor }: { filter: LedgerFilter; nextCursor: string | null | undefined }) {
  const t = await getTranslations('ledger');
  return (
    <nav aria-label={t('pagination')} className="flex gap-4">
      {filter.cursor && (
        <Link href={`/dashboard/ledger${ledgerQueryString(filter)}`} className="link">
          {t('firstPage')}
        </Link>
      )}
      {nextCursor && (
        <Link href={`/dashboard/ledger${ledgerQueryString(filter, { cursor: nextCursor })}`} className="link">
          {t('nextPage')}
        </Link>
      )}
    </nav>
  );
}
