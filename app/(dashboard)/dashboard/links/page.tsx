import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { CreateLinkForm } from '@/components/links/create-link-form';
import { FirstLinkForm } from '@/components/links/first-link-form';
import { LinkCard } from '@/components/links/link-card';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { isLocale } from '@/lib/i18n/locales';
import { listLinks } from '@/lib/links/list-links';
import { listPublishableNotices } from '@/lib/links/list-publishable-notices';
import { todayBerlin } from '@/lib/links/schemas';

export default async function LinksPage() {
  const ctx = await requireMember('links.read');
  const t = await getTranslations('links');
  const locale = await getLocale();
  const { links, notices } = await withTenant(ctx.tenantId, async (tx) => ({
    links: await listLinks(tx, ctx.tenantId),
    notices: await listPublishableNotices(tx, ctx.tenantId),
  }));
  const tenant = { slug: ctx.tenantSlug, name: ctx.tenantName };
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <section aria-labelledby="links-h">
        <h1 id="links-h" className="mb-2 text-2xl font-bold">
          {t('title')}
        </h1>
        <p className="mb-6 max-w-prose text-gray-700">{t('intro')}</p>
        {links.length === 0 && notices.length > 0 && can(ctx.role, 'links.create') && (
          <section className="card mb-6" aria-labelledby="first-link-h">
            <h2 id="first-link-h" className="mb-2 text-lg font-semibold">
              {t('firstLink.title')}
            </h2>
            <FirstLinkForm noticeId={notices[0]!.id} />
          </section>
        )}
        <h2 className="mb-2 font-semibold">{t('listTitle')}</h2>
        {links.length === 0 ? (
          <p className="card text-gray-700">{t('empty')}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {links.map((link) => (
              <LinkCard
                key={link.id}
                link={link}
                tenant={tenant}
                locale={isLocale(locale) ? locale : 'de'}
                canRevoke={can(ctx.role, 'links.revoke')}
              />
            ))}
          </ul>
        )}
      </section>
      {can(ctx.role, 'links.create') && (
        <section aria-labelledby="create-h" className="card h-fit">
          <h2 id="create-h" className="mb-4 text-lg font-semibold">
            {t('createTitle')}
          </h2>
          {notices.length === 0 ? (
            <p className="text-gray-700">
              {t('noPublishedNotice')}{' '}
              <Link href="/dashboard/notices" className="link">
                {t('toNotices')}
              </Link>
            </p>
          ) : (
            <CreateLinkForm notices={notices} today={todayBerlin()} />
          )}
        </section>
      )}
    </div>
  );
}
