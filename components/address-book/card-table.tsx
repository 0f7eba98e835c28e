import { getTranslations } from 'next-intl/server';
import type { InviteRow } from '@/lib/address-book/invite-rows';
import type { StoredCard, StoredNumber } from '@/lib/address-book/types';

type Fmt = Intl.DateTimeFormat;

async function NumberStatus({ n, fmt }: { n: StoredNumber; fmt: Fmt }) {
  const t = await getTranslations('addressBook');
  if (!n.list) return <span className="text-gray-600">{t('invalidNumber')}</span>;
  const event = n.eventType ? (n.eventType === 'withdrawn' && n.channel === 'whatsapp' ? 'whatsapp_stop' : n.eventType) : null;
  return (
    <span>
      {t(`lists.${n.list}`)}
      {event && <> · {t.has(`events.${event}`) ? t(`events.${event}` as 'events.opt_in') : event}</>}
      {n.eventAt && <> · {fmt.format(new Date(n.eventAt))}</>}
    </span>
  );
}

/** One list's cards; a card with several numbers shows each number with its own status. */
export async function CardTable({ rows, invites, locale }: { rows: StoredCard[]; invites: Map<number, InviteRow>; locale: string }) {
  const t = await getTranslations('addressBook');
  const fmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
  if (rows.length === 0) return <p className="card text-gray-700">{t('empty')}</p>;
  const withInvites = invites.size > 0;
  return (
    <table className="w-full border-collapse text-sm" data-testid="card-table">
      <thead>
        <tr className="border-b border-gray-300 text-left">
          <th className="py-1 pr-2">{t('columns.name')}</th>
          <th className="py-1 pr-2">{t('columns.numbers')}</th>
          <th className="py-1 pr-2">{t('columns.status')}</th>
          {withInvites && <th className="py-1 pr-2">{t('columns.invite')}</th>}
          <th className="py-1">{t('columns.line')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const inv = invites.get(c.i);
          return (
            <tr key={c.i} className="border-b border-gray-100 align-top" data-card-row>
              <td className="py-1 pr-2">{c.name ?? <span className="text-gray-600">{t('noName')}</span>}</td>
              <td className="py-1 pr-2">
                {c.numbers.map((n, k) => (
                  <div key={k}>
                    {n.e164 ?? n.raw}
                    {n.label && <span className="text-gray-600"> ({n.label})</span>}
                  </div>
                ))}
              </td>
              <td className="py-1 pr-2">
                {c.numbers.map((n, k) => (
                  <div key={k}>
                    <NumberStatus n={n} fmt={fmt} />
                  </div>
                ))}
              </td>
              {withInvites && (
                <td className="py-1 pr-2">
                  {inv ? (
                    <a className="link" href={inv.waMe} target="_blank" rel="noopener noreferrer">
                      {t('invites.send')}
                    </a>
                  ) : (
                    t('invites.none')
                  )}
                </td>
              )}
              <td className="py-1">{c.line}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
