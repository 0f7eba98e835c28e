import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { FirstLinkForm } from '@/components/links/first-link-form';
import { DraftForm } from '@/components/notices/draft-form';
import { NoticeDiff } from '@/components/notices/notice-diff';
import { NoticePreview } from '@/components/notices/notice-preview';
import { PublishForm } from '@/components/notices/publish-form';
import { VersionHistory } from '@/components/notices/version-history';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { listLinks } from '@/lib/links/list-links';
import { getNotice, type NoticeWithVersions } from '@/lib/notices/get-notice';
import { defaultPurpose, NOTICE_LANGUAGES } from '@/lib/notices/schemas';
import { noticeTextHash } from '@/lib/notices/text-hash';

type Search = { lang?: string | string[]; v?: string | string[]; a?: string | string[]; b?: string | string[]; published?: string | string[] };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NoticePage({ params, searchParams }: { params: Promise<{ noticeId: string }>; searchParams: Promise<Search> }) {
  const ctx = await requireMember('notices.read');
  const id = z.uuid().safeParse((await params).noticeId);
  if (!id.success) notFound();
  let notice: NoticeWithVersions;
  try {
    notice = await withTenant(ctx.tenantId, (tx) => getNotice(tx, ctx.tenantId, id.data));
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) notFound();
    throw err;
  }
  const t = await getTranslations('notices');
  const search = await searchParams;
  const byId = (v: string | undefined) => notice.versions.find((x) => x.id === v);

  const lang = NOTICE_LANGUAGES.find((l) => l === one(search.lang)) ?? notice.versions[0]?.language ?? 'de';
  const inLang = notice.versions.filter((v) => v.language === lang);
  const draft = inLang[0]?.status === 'draft' ? inLang[0] : undefined;
  // A new draft starts from the latest text in this language, else from the latest in any (a translation).
  const prefill = draft ?? inLang[0] ?? notice.versions[0];
  // A translation keeps a custom purpose, but the default purpose is swapped for the one in the target language.
  const prefillPurpose =
    prefill && prefill.language !== lang && prefill.purpose === defaultPurpose(ctx.tenantName, prefill.language)
      ? defaultPurpose(ctx.tenantName, lang)
      : prefill?.purpose;
  const nextVersion = (notice.versions[0]?.version ?? 0) + 1;
  const preview = byId(one(search.v)) ?? draft ?? inLang[0] ?? notice.versions[0];
  // "Version n published" only while it is still the newest in its language (the URL keeps ?published after edits).
  const publishedFlash = inLang[0]?.status === 'published' && String(inLang[0].version) === one(search.published) ? inLang[0] : undefined;

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
      {publishedFlash && can(ctx.role, 'links.create') && (await withTenant(ctx.tenantId, (tx) => listLinks(tx, ctx.tenantId))).length === 0 && (
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
        {can(ctx.role, 'notices.edit') && (
          <section aria-labelledby="edit-h" className="card h-fit">
            <h2 id="edit-h" className="mb-2 text-lg font-semibold">
              {t('editTitle')}
            </h2>
            <nav aria-label={t('fields.language')} className="mb-3 flex gap-2">
              {NOTICE_LANGUAGES.map((l) => (
                <Link
                  key={l}
                  href={`/dashboard/notices/${notice.id}?lang=${l}`}
                  aria-current={l === lang ? 'page' : undefined}
                  className={l === lang ? 'rounded bg-gray-900 px-3 py-1 text-sm text-white' : 'rounded border border-gray-400 px-3 py-1 text-sm'}
                >
                  {t(`languages.${l}`)}
                </Link>
              ))}
            </nav>
            <p className="mb-4 text-sm text-gray-700">
              {draft
                ? t('editingDraft', { version: draft.version })
                : inLang[0]
                  ? t('newDraftAfterPublished', { version: nextVersion, published: inLang[0].version })
                  : t('newDraftInLanguage', { version: nextVersion, language: t(`languages.${lang}`) })}
            </p>
            <DraftForm
              key={lang}
              noticeId={notice.id}
              language={lang}
              initial={prefill ? { title: prefill.title, body: prefill.body, purpose: prefillPurpose, legalBasis: prefill.legalBasis } : {}}
            />
          </section>
        )}
        <div className="flex flex-col gap-8">
          {draft && can(ctx.role, 'notices.publish') && (
            <section aria-labelledby="publish-h" className="card">
              <h2 id="publish-h" className="mb-2 text-lg font-semibold">
                {t('publishTitle')}
              </h2>
              <PublishForm noticeId={notice.id} versionId={draft.id} version={draft.version} expectedHash={noticeTextHash(draft)} />
            </section>
          )}
          <section aria-labelledby="preview" className="card">
            <h2 id="preview" className="mb-3 text-lg font-semibold">
              {preview ? t('previewOf', { version: preview.version, status: t(`status.${preview.status}`) }) : t('preview')}
            </h2>
            {preview ? <NoticePreview version={preview} /> : <p className="text-gray-700">{t('noVersions')}</p>}
          </section>
        </div>
      </div>

      <section aria-labelledby="diff-h">
        <h2 id="diff-h" className="mb-2 text-lg font-semibold">
          {t('diffTitle')}
        </h2>
        <NoticeDiff noticeId={notice.id} versions={notice.versions} lang={lang} a={byId(one(search.a))} b={byId(one(search.b))} />
      </section>
    </div>
  );
}
