import { getTranslations } from 'next-intl/server';
import type { NoticeVersion } from '@/lib/notices/get-notice';
import { noticeTextHash } from '@/lib/notices/text-hash';
import { NoticePreview } from './notice-preview';
import { PublishForm } from './publish-form';

/** The publish card for a draft (when allowed) above the preview of the selected version. */
export async function PublishAndPreview({ noticeId, draft, preview, mayPublish }: { noticeId: string; draft?: NoticeVersion; preview?: NoticeVersion; mayPublish: boolean }) {
  const t = await getTranslations('notices');
  return (
    <div className="flex flex-col gap-8">
      {draft && mayPublish && (
        <section aria-labelledby="publish-h" className="card">
          <h2 id="publish-h" className="mb-2 text-lg font-semibold">
            {t('publishTitle')}
          </h2>
          <PublishForm noticeId={noticeId} versionId={draft.id} version={draft.version} expectedHash={noticeTextHash(draft)} />
        </section>
      )}
      <section aria-labelledby="preview" className="card">
        <h2 id="preview" className="mb-3 text-lg font-semibold">
          {preview ? t('previewOf', { version: preview.version, status: t(`status.${preview.status}`) }) : t('preview')}
        </h2>
        {preview ? <NoticePreview version={preview} /> : <p className="text-gray-700">{t('noVersions')}</p>}
      </section>
    </div>
  );
}
