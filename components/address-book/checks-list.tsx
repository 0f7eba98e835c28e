import { getTranslations } from 'next-intl/server';
import type { CheckRow } from '@/lib/address-book/load-import';

/** The tenant's past checks: counts and dates only (no names, no numbers), each with its DPO report PDF. */
export async function ChecksList({ checks, locale }: { checks: CheckRow[]; locale: string }) {
  const t = await getTranslations('addressBook');
  const fmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  if (checks.length === 0) return <p className="text-gray-700">{t('checksEmpty')}</p>;
  return (
    <ul className="flex flex-col gap-2" aria-label={t('checksTitle')}>
      {checks.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline gap-2 text-sm">
          <span>{t('checkRow', { date: fmt.format(c.createdAt), cards: c.cards, stay: c.stay, go: c.go, unknown: c.unknown, waiting: c.waiting })}</span>
          <span className="rounded bg-gray-100 px-2 text-xs">{t(`closed.${(c.closedReason as 'finished' | 'expired' | null) ?? 'open'}`)}</span>
          <a className="link" href={`/dashboard/address-book/checks/${c.id}/report.pdf`}>
            {t('checkPdf')}
          </a>
        </li>
      ))}
    </ul>
  );
}
