import { getTranslations } from 'next-intl/server';
import type { NoticeVersion } from '@/lib/notices/get-notice';
import { Markdown } from './markdown';

/** A version as a contact would read it: title, purpose, legal basis and the rendered Markdown body. */
export async function NoticePreview({ version }: { version: NoticeVersion }) {
  const t = await getTranslations('notices');
  return (
    <article lang={version.language} className="flex flex-col gap-3">
      <h3 className="text-xl font-bold">{version.title}</h3>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t('fields.purpose')}</dt>
        <dd>{version.purpose}</dd>
        <dt className="font-semibold">{t('fields.legalBasis')}</dt>
        <dd>{version.legalBasis}</dd>
      </dl>
      <Markdown source={version.body} />
    </article>
  );
}
