import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { NewNoticeForm } from '@/components/notices/new-notice-form';
import { TemplatePicker } from '@/components/notices/template-picker';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { listNotices } from '@/lib/notices/list-notices';
import { controllerGaps } from '@/lib/notices/controller';
import { defaultPurpose, NOTICE_LANGUAGES } from '@/lib/notices/schemas';
import { noticeTemplate, TEMPLATE_PURPOSES, type TemplatePurpose } from '@/lib/notices/templates';
import { getProfile } from '@/lib/tenants/get-profile';

type Search = { template?: string | string[]; purposes?: string | string[] };
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export default async function NoticesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireMember('notices.read');
  const search = await searchParams;
  const t = await getTranslations('notices');
  const format = await getFormatter();
  const locale = await getLocale();
  const canEdit = can(ctx.role, 'notices.edit');
  const { notices, profile } = await withTenant(ctx.tenantId, async (tx) => ({
    notices: await listNotices(tx, ctx.tenantId),
    profile: canEdit ? await getProfile(tx, ctx.tenantId) : null,
  }));
  // ?template=de|en&purposes=… fills the new-notice form with the template (the owner edits it before creating).
  const templateLanguage = NOTICE_LANGUAGES.find((l) => l === list(search.template)[0]);
  const chosen = list(search.purposes).filter((p): p is TemplatePurpose => (TEMPLATE_PURPOSES as readonly string[]).includes(p));
  const purposes = templateLanguage ? chosen : TEMPLATE_PURPOSES;
  const template = templateLanguage && profile ? noticeTemplate(profile, templateLanguage, purposes) : undefined;
  return (
    <div className="grid gap-8 lg:grid-cols-[3fr_2fr]">
      <section aria-labelledby="notices-h">
        <h1 id="notices-h" className="mb-2 text-2xl font-bold">
          {t('title')}
        </h1>
        <p className="mb-4 text-gray-700">{t('intro')}</p>
        {notices.length === 0 ? (
          <div className="card">
            <h2 className="font-semibold">{t('emptyTitle')}</h2>
            <p className="mt-1 text-gray-700">{canEdit ? t('emptyBody') : t('emptyBodyReadOnly')}</p>
          </div>
        ) : (
          <ul className="card divide-y divide-gray-100 p-0">
            {notices.map((n) => (
              <li key={n.id} className="flex flex-col gap-1 px-4 py-3">
                <Link href={`/dashboard/notices/${n.id}`} className="link text-lg">
                  {n.name}
                </Link>
                <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-gray-700">
                  {n.latest.map((v) => (
                    <li key={v.id}>
                      {t('latestLine', {
                        language: t(`languages.${v.language}`),
                        version: v.version,
                        status: t(`status.${v.status}`),
                      })}
                      {v.publishedAt && ` · ${format.dateTime(v.publishedAt, { dateStyle: 'medium' })}`}
                      {v.status === 'draft' && ` · ${v.publishedVersion ? t('liveVersion', { version: v.publishedVersion }) : t('notLive')}`}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canEdit && (
        <div className="flex flex-col gap-8">
          <section className="card h-fit">
            <TemplatePicker
              language={templateLanguage ?? (locale === 'en' ? 'en' : 'de')}
              purposes={purposes}
              applied={Boolean(template)}
              controllerIncomplete={profile ? controllerGaps(profile).length > 0 : false}
            />
          </section>
          <section aria-labelledby="new-notice-h" className="card h-fit">
            <h2 id="new-notice-h" className="mb-4 text-lg font-semibold">
              {t('newTitle')}
            </h2>
            <NewNoticeForm
              key={template ? `${templateLanguage}-${purposes.join('-')}` : 'blank'}
              defaultLanguage={templateLanguage ?? (locale === 'en' ? 'en' : 'de')}
              defaultPurposes={{ de: defaultPurpose(ctx.tenantName, 'de'), en: defaultPurpose(ctx.tenantName, 'en') }}
              initial={template}
            />
          </section>
        </div>
      )}
    </div>
  );
}
