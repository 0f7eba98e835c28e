import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ConsentShell } from '@/components/consent/consent-shell';
import { PersonalActionForm } from '@/components/consent/personal-action-form';
import { appUrl } from '@/lib/config';
import { contactEvents, findContactByToken, lastLinkOf } from '@/lib/consent/find-contact';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { linkTokenOf } from '@/lib/links/link-token';
import { withdrawAction } from '../../actions';

export const dynamic = 'force-dynamic';

const DONE = { opted_in: 'thanksOptIn', pending: 'thanksPending', opted_out: 'thanksOptOut', withdrawn: 'thanksWithdrawn', confirmed: 'thanksConfirmed' } as const;

// GET /c/[tenant]/p/[token] – the contact's personal page: current state, history, withdrawal in one click.
export default async function PersonalPage({ params, searchParams }: { params: Promise<{ tenant: string; token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { tenant: slug, token } = await params;
  const { done } = await searchParams;
  const t = await getTranslations('consent');
  const format = await getFormatter();
  const locale = await getLocale();
  const found = await withSystem((tx) => findContactByToken(tx, slug, token, 'contact')).catch((err) => {
    if (err instanceof DomainError) notFound();
    throw err;
  });
  const { tenant, contact } = found;
  const { events, linkToken } = await withTenant(tenant.id, async (tx) => {
    const linkId = await lastLinkOf(tx, tenant.id, contact.id);
    return { events: await contactEvents(tx, tenant.id, contact.id), linkToken: linkId ? await linkTokenOf(tx, tenant.id, linkId) : null };
  });
  const company = tenant.name;
  const thanks = done && done in DONE ? DONE[done as keyof typeof DONE] : null;
  const personalUrl = `${appUrl()}/c/${slug}/p/${token}`;
  const canWithdraw = contact.status === 'opted_in' || contact.status === 'pending';

  return (
    <ConsentShell tenant={tenant}>
      {thanks && (
        <p className="notice-ok mb-5" role="status">
          {t(thanks, { company })}
        </p>
      )}
      <h1 className="mb-3 text-2xl font-bold">{t('personalTitle')}</h1>
      <section className="card mb-5" aria-labelledby="status-h">
        <h2 id="status-h" className="text-sm font-semibold text-gray-700">
          {t('status')}
        </h2>
        <p className="text-lg font-semibold" data-testid="contact-status">
          {t(`status_${contact.status}`)}
        </p>
        <p className="text-sm text-gray-700">{t('since', { date: format.dateTime(contact.statusAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
      </section>

      {canWithdraw && (
        <section className="card mb-5" aria-labelledby="withdraw-h">
          <h2 id="withdraw-h" className="mb-2 text-lg font-semibold">
            {t('withdrawTitle')}
          </h2>
          <p className="mb-4 text-gray-800">{t('withdrawIntro')}</p>
          <PersonalActionForm
            action={withdrawAction.bind(null, slug, token)}
            idempotencyKey={randomUUID()}
            locale={locale}
            label={t('withdraw')}
            pending={t('withdrawing')}
            danger
          />
        </section>
      )}
      {!canWithdraw && linkToken && (
        <p className="mb-5">
          <Link href={`/c/${slug}/${linkToken}`} className="btn-secondary" prefetch={false}>
            {t('optInAgain')}
          </Link>
        </p>
      )}

      {events.length > 0 && (
        <p className="mb-5 flex flex-wrap gap-4">
          <a href={`/c/${slug}/p/${token}/receipt.pdf`} className="btn-secondary" download>
            {t('downloadReceipt')}
          </a>
          <a href={`/c/${slug}/p/${token}/receipt.json`} className="link self-center" download>
            {t('downloadReceiptJson')}
          </a>
        </p>
      )}
      <section className="mb-5" aria-labelledby="link-h">
        <h2 id="link-h" className="mb-1 font-semibold">
          {t('personalLink')}
        </h2>
        <p className="mb-2 text-sm text-gray-700">{t('personalLinkHint')}</p>
        <p className="break-all rounded border border-gray-300 bg-white p-2 font-mono text-sm" data-testid="personal-link">
          {personalUrl}
        </p>
      </section>

      <section aria-labelledby="history-h">
        <h2 id="history-h" className="mb-2 font-semibold">
          {t('history')}
        </h2>
        <ol className="flex flex-col gap-1 text-sm">
          {events.map((e) => (
            <li key={e.id}>
              {format.dateTime(e.occurredAt, { dateStyle: 'medium', timeStyle: 'short' })} – {t(`event_${e.type}`)}
            </li>
          ))}
        </ol>
      </section>
    </ConsentShell>
  );
}
