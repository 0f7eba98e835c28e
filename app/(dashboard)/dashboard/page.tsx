import { getTranslations } from 'next-intl/server';
import { requireMember } from '@/lib/auth/member-context';

export default async function DashboardHome() {
  const ctx = await requireMember();
  const t = await getTranslations('dashboard');
  const tRoles = await getTranslations('roles');
  return (
    <>
      <h1 className="text-2xl font-bold">{t('welcome', { tenant: ctx.tenantName })}</h1>
      <p className="mt-2 text-gray-700">{t('yourRole', { role: tRoles(ctx.role) })}</p>
    </>
  );
}
