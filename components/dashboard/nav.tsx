import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { signOutAction, switchTenant } from '@/app/(dashboard)/dashboard/actions';
import { LanguageSwitch } from '@/components/language-switch';
import type { MemberContext } from '@/lib/auth/member-context';
import { can, type Permission } from '@/lib/auth/permissions';

const ITEMS: { href: string; key: 'home' | 'ledger' | 'notices' | 'links' | 'members' | 'mail' | 'settings' | 'addressBook'; permission: Permission }[] = [
  { href: '/dashboard', key: 'home', permission: 'dashboard.view' },
  { href: '/dashboard/ledger', key: 'ledger', permission: 'ledger.read' },
  { href: '/dashboard/links', key: 'links', permission: 'links.read' },
  { href: '/dashboard/address-book', key: 'addressBook', permission: 'addressBook.checks' },
  { href: '/dashboard/notices', key: 'notices', permission: 'notices.read' },
  { href: '/dashboard/members', key: 'members', permission: 'members.read' },
  { href: '/dashboard/mail', key: 'mail', permission: 'mail.queue' },
  { href: '/dashboard/settings', key: 'settings', permission: 'profile.edit' },
];

/** Dashboard header: only the sections the member's role may open, tenant switch, language, sign-out. */
export async function DashboardNav({ ctx }: { ctx: MemberContext }) {
  const t = await getTranslations('nav');
  const tRoles = await getTranslations('roles');
  return (
    <header className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <span className="font-bold">{ctx.tenantName}</span>
        <span className="rounded bg-gray-100 px-2 py-0.5 text-xs text-gray-800">{tRoles(ctx.role)}</span>
        <nav aria-label="Dashboard" className="flex flex-wrap gap-1">
          {ITEMS.filter((i) => can(ctx.role, i.permission)).map((i) => (
            <Link key={i.href} href={i.href} className="rounded px-2 py-1 text-sm hover:bg-gray-100">
              {t(i.key)}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          {ctx.memberships.length > 1 && (
            <form action={switchTenant} className="flex items-center gap-1 text-sm">
              <label htmlFor="tenant-switch" className="sr-only">
                {t('switchTenant')}
              </label>
              <select id="tenant-switch" name="tenantId" defaultValue={ctx.tenantId} className="input py-1 text-sm">
                {ctx.memberships.map((m) => (
                  <option key={m.tenantId} value={m.tenantId}>
                    {m.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="btn-secondary px-2 py-1 text-sm">
                {t('switchTenant')}
              </button>
            </form>
          )}
          <Link href="/onboarding" className="text-sm link">
            {t('newTenant')}
          </Link>
          <LanguageSwitch />
          <form action={signOutAction}>
            <button type="submit" className="text-sm link">
              {t('signOut')}
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
