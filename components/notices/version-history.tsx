import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { NoticeVersion } from '@/lib/notices/get-notice';

/** All versions of a notice, newest first: status, publication date and the text hash cited by consent events. */
export async function VersionHistory({ noticeId, versions, lang, selectedId }: { noticeId: string; versions: NoticeVersion[]; lang: string; selectedId?: string }) {
  const t = await getTranslations('notices');
  const format = await getFormatter();
  return (
    <div className="overflow-x-auto">
      <table className="table">
        <caption className="sr-only">{t('history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('language')}</th>
            <th scope="col">{t('statusLabel')}</th>
            <th scope="col">{t('publishedAt')}</th>
            <th scope="col">{t('textHash')}</th>
            <th scope="col">
              <span className="sr-only">{t('preview')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id} aria-current={v.id === selectedId ? 'true' : undefined} className={v.id === selectedId ? 'bg-gray-50' : undefined}>
              <td>
                {v.version}
                <span className="block text-xs text-gray-700">{v.title}</span>
              </td>
              <td>{t(`languages.${v.language}`)}</td>
              <td>
                <span className={v.status === 'published' ? 'rounded bg-green-100 px-2 py-0.5 text-green-900' : 'rounded bg-gray-100 px-2 py-0.5 text-gray-900'}>
                  {t(`status.${v.status}`)}
                </span>
              </td>
              <td>{v.publishedAt ? format.dateTime(v.publishedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—'}</td>
              <td>
                {v.textHash ? (
                  <code className="break-all text-xs" title={v.textHash}>
                    {v.textHash.slice(0, 16)}…
                  </code>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <Link href={`/dashboard/notices/${noticeId}?lang=${lang}&v=${v.id}#preview`} className="link text-sm">
                  {t('showVersion', { version: v.version })}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
