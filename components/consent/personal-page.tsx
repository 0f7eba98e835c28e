import type { ReactNode } from 'react';
import type { PersonalView } from '@/lib/consent/personal-view';
import { ConsentShell } from './consent-shell';
import { YourData } from './erase-pages';
import type { FormFailure } from './form-state';
import type { PublicI18n } from './i18n';
import { PersonalActionForm } from './personal-action-form';

const DONE = { opted_in: 'thanksOptIn', pending: 'thanksPending', opted_out: 'thanksOptOut', withdrawn: 'thanksWithdrawn', confirmed: 'thanksConfirmed' } as const;
export type Done = keyof typeof DONE;
export const isDone = (v: unknown): v is Done => typeof v === 'string' && Object.hasOwn(DONE, v);

type Props = {
  i18n: PublicI18n;
  view: PersonalView;
  /** `/c/<slug>/p/<token>` (the withdraw form posts to it). */
  path: string;
  /** The personal link as mailed (APP_URL + path). */
  personalUrl: string;
  done: Done | null;
  idempotencyKey: string;
  failure?: FormFailure | null;
  /**
   * Further ways to confirm a pending consent, shown under the pending state (e.g. "Per WhatsApp bestätigen",
   * issue #17): the route passes the block in; nothing else on the page changes.
   */
  pendingExtra?: ReactNode;
};

/** The contact's personal page: current state, withdrawal in one click, receipts, the personal link, history. */
export function PersonalPage({ i18n, view, path, personalUrl, done, idempotencyKey, failure, pendingExtra }: Props) {
  const { t, dateTime } = i18n;
  const { tenant, contact, events, linkToken } = view;
  const canWithdraw = contact.status === 'opted_in' || contact.status === 'pending';
  return (
    <ConsentShell i18n={i18n} tenant={tenant} back={done ? `${path}?done=${done}` : path} title={t('consent.personalTitle')}>
      {done && (
        <p className="ok" role="status">
          {t(`consent.${DONE[done]}`, { company: tenant.name })}
        </p>
      )}
      <h1>{t('consent.personalTitle')}</h1>
      <section className="card" aria-labelledby="status-h">
        <h2 id="status-h" className="small">
          {t('consent.status')}
        </h2>
        <p className="status" data-testid="contact-status">
          {t(`consent.status_${contact.status}`)}
        </p>
        <p className="small">{t('consent.since', { date: dateTime(contact.statusAt) })}</p>
      </section>
      {contact.status === 'pending' && pendingExtra}
      {canWithdraw && (
        <section className="card" aria-labelledby="withdraw-h">
          <h2 id="withdraw-h">{t('consent.withdrawTitle')}</h2>
          <p className="lead">{t('consent.withdrawIntro')}</p>
          <PersonalActionForm i18n={i18n} action={path} idempotencyKey={idempotencyKey} label={t('consent.withdraw')} danger failure={failure} />
        </section>
      )}
      {!canWithdraw && linkToken && (
        <p className="mb">
          <a href={`/c/${tenant.slug}/${linkToken}`} className="btn btn2">
            {t('consent.optInAgain')}
          </a>
        </p>
      )}
      {events.length > 0 && (
        <p className="links">
          <a href={`${path}/receipt.pdf`} className="btn btn2" download>
            {t('consent.downloadReceipt')}
          </a>
          <a href={`${path}/receipt.json`} download>
            {t('consent.downloadReceiptJson')}
          </a>
        </p>
      )}
      <YourData i18n={i18n} company={tenant.name} path={path} />
      <section className="mb" aria-labelledby="link-h">
        <h2 id="link-h">{t('consent.personalLink')}</h2>
        <p className="small">{t('consent.personalLinkHint')}</p>
        <p className="plink mono" data-testid="personal-link">
          {personalUrl}
        </p>
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t('consent.history')}</h2>
        <ol className="small">
          {events.map((e) => (
            <li key={e.id}>
              {dateTime(e.occurredAt)} – {t(`consent.event_${e.type}`)}{' '}
              <span className="tiny" data-testid="event-seal">
                ({e.sealedIn === null ? t('consent.eventRecorded') : t('consent.eventSealed', { n: e.sealedIn })})
              </span>
            </li>
          ))}
        </ol>
      </section>
    </ConsentShell>
  );
}
