import { getTranslations } from 'next-intl/server';
import type { LinkStatus } from '@/lib/links/link-status';
import type { PublicTenant } from '@/lib/links/resolve-link';

/** Friendly page for a revoked, expired or used-up invite link, with the company's contact details. */
export async function LinkUnavailable({ tenant, status }: { tenant: PublicTenant; status: Exclude<LinkStatus, 'active'> }) {
  const t = await getTranslations('consent');
  return (
    <section aria-labelledby="unavailable-h" className="card">
      <h1 id="unavailable-h" className="mb-3 text-xl font-bold">
        {t('unavailableTitle')}
      </h1>
      <p className="mb-3">{t(`unavailable_${status}`, { company: tenant.name })}</p>
      <p className="mb-1">{t('unavailableContact', { company: tenant.name })}</p>
      <ul className="text-gray-800">
        {tenant.contactPhone && <li>{tenant.contactPhone}</li>}
        {tenant.dpoEmail && (
          <li>
            <a className="link" href={`mailto:${tenant.dpoEmail}`}>
              {tenant.dpoEmail}
            </a>
          </li>
        )}
        {tenant.address && <li className="whitespace-pre-line">{tenant.address}</li>}
      </ul>
    </section>
  );
}
