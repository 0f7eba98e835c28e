import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { CardTable } from '@/components/address-book/card-table';
import { ImportGone } from '@/components/address-book/import-gone';
import { Downloads, FinishPanel, InvitesPanel, IssuesList } from '@/components/address-book/import-panels';
import { ListControls } from '@/components/address-book/list-controls';
import { ListTabs } from '@/components/address-book/list-tabs';
import { countLists } from '@/lib/address-book/build-cards';
import { sweepExpiredImports } from '@/lib/address-book/finish-import';
import { inviteOf, type InviteRow } from '@/lib/address-book/invite-rows';
import { listPage } from '@/lib/address-book/list-view';
import { getCheck, loadImport } from '@/lib/address-book/load-import';
import { importIdSchema, listQuerySchema, type ListQuery } from '@/lib/address-book/schemas';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { isLocale } from '@/lib/i18n/locales';
import { listPublishableNotices } from '@/lib/links/list-publishable-notices';

type Props = { params: Promise<{ importId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const pageHref = (base: string, q: ListQuery, page: number) =>
  `${base}?${new URLSearchParams({ list: q.list, q: q.q, sort: q.sort, dir: q.dir, page: String(page) })}`;

export default async function ImportPage({ params, searchParams }: Props) {
  const ctx = await requireMember('addressBook.use');
  const id = importIdSchema.safeParse((await params).importId);
  if (!id.success) notFound();
  const sp = await searchParams;
  const q = listQuerySchema.parse(sp);
  const t = await getTranslations('addressBook');
  const locale = await getLocale();
  const data = await withTenant(ctx.tenantId, async (tx) => {
    await sweepExpiredImports(tx);
    const imp = await loadImport(tx, ctx, id.data);
    return { imp, check: imp ? null : await getCheck(tx, ctx.tenantId, id.data), notices: imp ? await listPublishableNotices(tx, ctx.tenantId) : [] };
  });
  if (!data.imp) {
    // Finished or expired (or another member's, which reads the same): only what is kept is shown.
    if (!data.check || data.check.createdBy !== ctx.userId) notFound();
    return <ImportGone finished={data.check.closedReason === 'finished'} />;
  }
  const { payload, createdAt, expiresAt } = data.imp;
  const base = `/dashboard/address-book/${id.data}`;
  const view = listPage(payload.cards, q);
  const lc = isLocale(locale) ? locale : 'de';
  const invites = new Map<number, InviteRow>();
  for (const c of view.rows) {
    const inv = inviteOf(c, payload, ctx, lc);
    if (inv) invites.set(c.i, inv);
  }
  const fmt = new Intl.DateTimeFormat(lc === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  const created = typeof sp.created === 'string' ? Number(sp.created) : null;
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="mb-1 text-2xl font-bold">{t('title')}</h1>
        <p className="text-sm text-gray-700">
          {t('summary', { cards: payload.cards.length, date: fmt.format(createdAt), format: payload.format, region: payload.region, expires: fmt.format(expiresAt) })}
        </p>
        <p className="mt-2 max-w-prose text-sm text-gray-700">{t('privacy')}</p>
      </header>
      {sp.error === 'links.errors.noticeNotPublished' && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {t('invites.noNotice')}
        </p>
      )}
      {created !== null && Number.isFinite(created) && (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-3">
          {t('invites.created', { count: created })}
        </p>
      )}
      <ListTabs base={base} counts={countLists(payload.cards)} current={q.list} />
      <section aria-labelledby="ab-list">
        <h2 id="ab-list" className="font-semibold">
          {t(`lists.${q.list}`)}
        </h2>
        <p className="mb-2 text-sm text-gray-700">{t(`listHints.${q.list}`)}</p>
        <ListControls base={base} q={q} />
        <CardTable rows={view.rows} invites={invites} locale={lc} />
        <nav className="mt-2 flex items-center gap-3 text-sm" aria-label={t('pageOf', { page: view.page, pages: view.pages, total: view.total })}>
          {view.page > 1 && <Link className="link" href={pageHref(base, q, view.page - 1)}>{t('prev')}</Link>}
          <span>{t('pageOf', { page: view.page, pages: view.pages, total: view.total })}</span>
          {view.page < view.pages && <Link className="link" href={pageHref(base, q, view.page + 1)}>{t('next')}</Link>}
        </nav>
      </section>
      <div className="grid gap-4 md:grid-cols-2">
        <Downloads base={base} id={id.data} counts={countLists(payload.cards)} invites={Object.keys(payload.invites).length} />
        {q.list === 'unknown' && <InvitesPanel id={id.data} notices={data.notices} />}
        <FinishPanel id={id.data} />
      </div>
      <IssuesList issues={payload.issues} />
    </div>
  );
}
