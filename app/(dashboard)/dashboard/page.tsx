import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SetupChecklist } from '@/components/dashboard/setup-checklist';
import { WeeklyChart } from '@/components/dashboard/weekly-chart';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { weeklyCounts } from '@/lib/ledger/stats';
import { listLinks } from '@/lib/links/list-links';
import { getSetupProgress } from '@/lib/tenants/setup-progress';

// GET /dashboard – overview: decisions per week (ledger readers) and conversion per link.
export default async function DashboardHome() {
  const ctx = await requireMember();
  const t = await getTranslations('dashboard');
  const tRoles = await getTranslations('roles');
  const showStats = can(ctx.role, 'ledger.read');
  const { weeks, links, setup } = await withTenant(ctx.tenantId, async (tx) => ({
    weeks: showStats ? await weeklyCounts(tx, ctx.tenantId) : [],
    links: can(ctx.role, 'links.read') ? await listLinks(tx, ctx.tenantId) : [],
    setup: await getSetupProgress(tx, ctx.tenantId),
  }));
  // The setup checklist stays until every step is done or an owner/admin dismisses it.
  const showSetup = !setup.complete && !setup.dismissed;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">{t('welcome', { tenant: ctx.tenantName })}</h1>
        <p className="mt-2 text-gray-700">{t('yourRole', { role: tRoles(ctx.role) })}</p>
      </div>
      {showSetup && <SetupChecklist progress={setup} canDismiss={can(ctx.role, 'profile.edit')} />}
      {showStats && (
        <section className="card" aria-labelledby="weekly-h">
          <h2 id="weekly-h" className="mb-3 text-lg font-semibold">
            {t('weeklyTitle')}
          </h2>
          <WeeklyChart
            data={weeks}
            labels={{ optIn: t('optIns'), optOut: t('optOuts'), withdrawn: t('withdrawals'), week: t('week'), caption: t('weeklyTitle') }}
          />
        </section>
      )}
      {can(ctx.role, 'links.read') && (
        <section className="card" aria-labelledby="conv-h">
          <h2 id="conv-h" className="mb-3 text-lg font-semibold">
            {t('conversionTitle')}
          </h2>
          {links.length === 0 ? (
            <p className="text-gray-700">
              {t('noLinks')}{' '}
              <Link href="/dashboard/links" className="link">
                {t('createLink')}
              </Link>
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('link')}</th>
                    <th scope="col">{t('opened')}</th>
                    <th scope="col">{t('optIns')}</th>
                    <th scope="col">{t('optOuts')}</th>
                    <th scope="col">{t('conversion')}</th>
                  </tr>
                </thead>
                <tbody>
                  {links.map((l) => (
                    <tr key={l.id}>
                      <td>{l.label}</td>
                      <td>{l.opens}</td>
                      <td>{l.optIns}</td>
                      <td>{l.optOuts}</td>
                      <td>{l.opens ? `${Math.round(((l.optIns + l.optOuts) / l.opens) * 100)} %` : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
