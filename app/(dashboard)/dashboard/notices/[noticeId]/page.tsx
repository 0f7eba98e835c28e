import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { FirstLinkForm } from '@/components/links/first-link-form';
import { DraftEditor } from '@/components/notices/draft-editor';
import { NoticeDiff } from '@/components/notices/notice-diff';
import { noticeView, type NoticeSearch } from '@/components/notices/notice-view';
import { PublishAndPreview } from '@/components/notices/publish-and-preview';
import { VersionHistory } from '@/components/notices/version-history';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { orNotFound, paramOrNotFound } from '@/lib/http/page-guards';
import { listLinks } from '@/lib/links/list-links';
import { getNotice } from '@/lib/notices/get-notice';

// GET /dashboard/notices/[noticeId] – one notice: version history, draft editor, publishing, preview, diff.
export default async function NoticePage({ params, searchParams }: { params: Promise<{ noticeId: string }>; searchParams: Promise<NoticeSearch> }) {
  const ctx = await requireMember('notices.read');
  const id = paramOrNotFound(z.uuid(), (await params).noticeId);
  const notice = await orNotFound(withTenant(ctx.tenantId, (tx) => getNotice(tx, ctx.tenantId, id)));
  const t = await getTranslations('notices');
  const view = noticeView(notice, await searchParams, ctx.tenantName);
  const { lang, publishedFlash, preview } = view;
  const offerFirstLink = publishedFlash && can(ctx.role, 'links.create') && (await withTenant(ctx.tenantId, (tx) => listLinks(tx, ctx.tenantId))).length === 0;
  return (
    <div className="flex flex-col gap-8">
      <div>
        <Link href="/dashboard/notices" className="link text-sm">
          {t('backToList')}
        </Link>
        <h1 className="mt-2 text-2xl font-bold">{notice.name}</h1>
      </div>
      {publishedFlash && (
        <p className="notice-ok" role="status">
          {t('publishedFlash', { version: publishedFlash.version })}
        </p>
      )}
      {offerFirstLink && (
        <section className="card" aria-labelledby="first-link-h">
          <h2 id="first-link-h" className="mb-2 text-lg font-semibold">
            {t('firstLinkTitle')}
          </h2>
          <FirstLinkForm noticeId={notice.id} />
        </section>
      )}
      <section aria-labelledby="history-h">
        <h2 id="history-h" className="mb-2 text-lg font-semibold">
          {t('history')}
        </h2>
        <VersionHistory noticeId={notice.id} versions={notice.versions} lang={lang} selectedId={preview?.id} />
      </section>
      <div className="grid gap-8 lg:grid-cols-2">
        {can(ctx.role, 'notices.edit') && <DraftEditor noticeId={notice.id} view={view} />}
        <PublishAndPreview noticeId={notice.id} draft={view.draft} preview={preview} mayPublish={can(ctx.role, 'notices.publish')} />
      </div>
      <section aria-labelledby="diff-h">
        <h2 id="diff-h" className="mb-2 text-lg font-semibold">
          {t('diffTitle')}
        </h2>
        <NoticeDiff noticeId={notice.id} versions={notice.versions} lang={lang} a={view.diff.a} b={view.diff.b} />
      </section>
    </div>
  );
}
