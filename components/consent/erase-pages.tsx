import type { PublicTenant } from '@/lib/links/resolve-link';
import { ConsentShell } from './consent-shell';
import type { FormFailure } from './form-state';
import type { PublicI18n } from './i18n';
import { PersonalActionForm } from './personal-action-form';

type ShellTenant = Parameters<typeof ConsentShell>[0]['tenant'];

/**
 * The confirmation step of "Meine Daten löschen": what goes, what remains, the access download first, and the one
 * button (a plain POST to this page's path). Cancel leads back to the personal page.
 */
export function EraseConfirmPage({ i18n, tenant, path, personalPath, idempotencyKey, failure }: { i18n: PublicI18n; tenant: PublicTenant; path: string; personalPath: string; idempotencyKey: string; failure?: FormFailure | null }) {
  const { t } = i18n;
  return (
    <ConsentShell i18n={i18n} tenant={tenant} back={path} title={t('privacy.eraseTitle')}>
      <h1>{t('privacy.eraseTitle')}</h1>
      <p className="lead">{t('privacy.eraseIntro', { company: tenant.name })}</p>
      <p>{t('privacy.eraseKeeps')}</p>
      <p className="small">
        {t('privacy.eraseHint')}{' '}
        <a href={`${personalPath}/data.json`} download>
          {t('privacy.accessJson')}
        </a>{' '}
        ·{' '}
        <a href={`${personalPath}/data.pdf`} download>
          {t('privacy.accessPdf')}
        </a>
      </p>
      <PersonalActionForm i18n={i18n} action={path} idempotencyKey={idempotencyKey} label={t('privacy.eraseConfirm')} danger failure={failure} />
      <p className="mb">
        <a href={personalPath} className="btn btn2 full">
          {t('privacy.eraseCancel')}
        </a>
      </p>
    </ConsentShell>
  );
}

/** After the erasure: the company's public face and the confirmation, nothing about the person. */
export function ErasedPage({ i18n, tenant, path }: { i18n: PublicI18n; tenant: ShellTenant; path: string }) {
  const { t } = i18n;
  return (
    <ConsentShell i18n={i18n} tenant={tenant} back={path} title={t('privacy.erasedTitle')}>
      <h1>{t('privacy.erasedTitle')}</h1>
      <p className="ok" role="status" data-testid="erased">
        {t('privacy.erasedBody', { company: tenant.name })}
      </p>
    </ConsentShell>
  );
}

/** The personal page's "Ihre Daten" block: everything held (JSON, PDF; Art. 15) and the way to erasure (Art. 17). */
export function YourData({ i18n, company, path }: { i18n: PublicI18n; company: string; path: string }) {
  const { t } = i18n;
  return (
    <section className="card" aria-labelledby="data-h">
      <h2 id="data-h">{t('privacy.yourData')}</h2>
      <p className="small">{t('privacy.yourDataIntro', { company })}</p>
      <p className="links">
        <a href={`${path}/data.pdf`} className="btn btn2" download>
          {t('privacy.accessPdf')}
        </a>
        <a href={`${path}/data.json`} download>
          {t('privacy.accessJson')}
        </a>
      </p>
      <p>
        <a href={`${path}/erase`} className="btn btn-danger" data-testid="erase-link">
          {t('privacy.eraseLink')}
        </a>
      </p>
    </section>
  );
}
