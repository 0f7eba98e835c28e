import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NOTICE_LANGUAGES } from '@/lib/notices/schemas';
import { DraftForm } from './draft-form';
import type { NoticeView } from './notice-view';

/** The edit card: language tabs, what saving will do (edit the draft or start version n), the draft form. */
export async function DraftEditor({ noticeId, view }: { noticeId: string; view: NoticeView }) {
  const t = await getTranslations('notices');
  const { lang, draft, latestInLang, nextVersion } = view;
  return (
    <section aria-labelledby="edit-h" className="card h-fit">
      <h2 id="edit-h" className="mb-2 text-lg font-semibold">
        {t('editTitle')}
      </h2>
      <nav aria-label={t('fields.language')} className="mb-3 flex gap-2">
        {NOTICE_LANGUAGES.map((l) => (
          <Link
            key={l}
            href={`/dashboard/notices/${noticeId}?lang=${l}`}
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
          : latestInLang
            ? t('newDraftAfterPublished', { version: nextVersion, published: latestInLang.version })
            : t('newDraftInLanguage', { version: nextVersion, language: t(`languages.${lang}`) })}
      </p>
      <DraftForm key={lang} noticeId={noticeId} language={lang} initial={view.initial} />
    </section>
  );
}
