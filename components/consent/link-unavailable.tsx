import type { LinkStatus } from '@/lib/links/link-status';
import type { PublicTenant } from '@/lib/links/resolve-link';
import type { PublicI18n } from './i18n';

/** Friendly page for a revoked, expired or used-up invite link, with the company's contact details. */
export function LinkUnavailable({ i18n, tenant, status }: { i18n: PublicI18n; tenant: PublicTenant; status: Exclude<LinkStatus, 'active'> }) {
  const { t } = i18n;
  return (
    <section aria-labelledby="unavailable-h" className="card">
      <h1 id="unavailable-h">{t('consent.unavailableTitle')}</h1>
      <p className="mb">{t(`consent.unavailable_${status}`, { company: tenant.name })}</p>
      <p>{t('consent.unavailableContact', { company: tenant.name })}</p>
      <ul>
        {tenant.contactPhone && <li>{tenant.contactPhone}</li>}
        {tenant.dpoEmail && (
          <li>
            <a href={`mailto:${tenant.dpoEmail}`}>{tenant.dpoEmail}</a>
          </li>
        )}
        {tenant.address && <li style={{ whiteSpace: 'pre-line' }}>{tenant.address}</li>}
      </ul>
    </section>
  );
}
