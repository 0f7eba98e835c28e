import type { ReactNode } from 'react';
import type { PublicTenant } from '@/lib/links/resolve-link';
import { ConsentShell } from './consent-shell';
import type { FormFailure } from './form-state';
import type { PublicI18n } from './i18n';
import { PersonalActionForm } from './personal-action-form';

/**
 * Double opt-in: a button, not the GET itself, confirms (mail scanners open links). `extra` is the slot for other
 * ways to confirm the same consent (e.g. "Per WhatsApp bestätigen", issue #17), shown below the button.
 */
export function ConfirmPage({ i18n, tenant, path, idempotencyKey, failure, extra }: { i18n: PublicI18n; tenant: PublicTenant; path: string; idempotencyKey: string; failure?: FormFailure | null; extra?: ReactNode }) {
  const { t } = i18n;
  return (
    <ConsentShell i18n={i18n} tenant={tenant} back={path} title={t('consent.confirmTitle')}>
      <h1>{t('consent.confirmTitle')}</h1>
      <p className="lead">{t('consent.confirmIntro', { company: tenant.name })}</p>
      <PersonalActionForm i18n={i18n} action={path} idempotencyKey={idempotencyKey} label={t('consent.confirm')} failure={failure} />
      {extra}
    </ConsentShell>
  );
}
