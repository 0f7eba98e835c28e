import { getFormatter, getTranslations } from 'next-intl/server';
import type { LinkSummary } from '@/lib/links/list-links';

/** A link's funnel (opens → opt-ins · opt-outs), expiry and uses, and whom a personal link is for. */
export async function LinkFacts({ link }: { link: LinkSummary }) {
  const t = await getTranslations('links');
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium' });
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm text-gray-800 sm:grid-cols-2">
      <div>
        <dt className="sr-only">{t('funnel')}</dt>
        <dd>
          {t('opens', { count: link.opens })} <span aria-hidden="true">→</span>
          <span className="sr-only">,</span> {t('optIns', { count: link.optIns })} · {t('optOuts', { count: link.optOuts })}
        </dd>
      </div>
      <div>
        <dt className="sr-only">{t('expiresAt')}</dt>
        <dd>
          {link.expiresAt ? t('expires', { date: date(link.expiresAt) }) : t('noExpiry')} ·{' '}
          {link.maxUses === null ? t('usesUnlimited', { uses: link.uses }) : t('uses', { uses: link.uses, max: link.maxUses })}
        </dd>
      </div>
      {link.prefillName || link.prefillPhone ? (
        <div className="sm:col-span-2">
          <dt className="sr-only">{t('personal')}</dt>
          <dd>{t('personalFor', { name: [link.prefillName, link.prefillPhone].filter(Boolean).join(', ') })}</dd>
        </div>
      ) : null}
    </dl>
  );
}
