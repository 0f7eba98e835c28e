import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LISTS, type ListCounts } from '@/lib/address-book/types';
import type { ListName } from '@/lib/address-book/match';

/** Counts at the top, one tab per list (plain links: the list is a query parameter). */
export async function ListTabs({ base, counts, current }: { base: string; counts: ListCounts; current: ListName }) {
  const t = await getTranslations('addressBook');
  return (
    <nav aria-label={t('title')} className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-4">
      {LISTS.map((l) => (
        <Link
          key={l}
          href={`${base}?list=${l}`}
          aria-current={l === current ? 'page' : undefined}
          data-list={l}
          className={`card flex flex-col p-3 ${l === current ? 'border-brand ring-2 ring-brand' : ''}`}
        >
          <span className="text-2xl font-bold" data-testid={`count-${l}`}>
            {counts[l]}
          </span>
          <span className="text-sm">{t(`lists.${l}`)}</span>
        </Link>
      ))}
    </nav>
  );
}
