import { getTranslations } from 'next-intl/server';
import { lineDiff } from '@/lib/notices/diff';
import type { NoticeVersion } from '@/lib/notices/get-notice';

/** Choose two versions (a GET form: ?a=&b=, so the comparison has a URL) and see their line diff. */
export async function NoticeDiff({ noticeId, versions, lang, a, b }: { noticeId: string; versions: NoticeVersion[]; lang: string; a?: NoticeVersion; b?: NoticeVersion }) {
  const t = await getTranslations('notices');
  if (versions.length < 2) return <p className="text-gray-700">{t('diffNeedsTwo')}</p>;
  const asText = (v: NoticeVersion) =>
    [`${t('fields.title')}: ${v.title}`, `${t('fields.purpose')}: ${v.purpose}`, `${t('fields.legalBasis')}: ${v.legalBasis}`, '', v.body].join('\n');
  const diff = a && b ? lineDiff(asText(a), asText(b)) : null;
  const option = (v: NoticeVersion) => (
    <option key={v.id} value={v.id}>
      {t('versionOption', { version: v.version, language: t(`languages.${v.language}`), status: t(`status.${v.status}`) })}
    </option>
  );
  return (
    <>
      <form method="get" action={`/dashboard/notices/${noticeId}`} className="mb-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="lang" value={lang} />
        <div className="field">
          <label htmlFor="diff-a" className="label">
            {t('diffFrom')}
          </label>
          <select id="diff-a" name="a" className="input" defaultValue={a?.id ?? versions[1]!.id}>
            {versions.map(option)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="diff-b" className="label">
            {t('diffTo')}
          </label>
          <select id="diff-b" name="b" className="input" defaultValue={b?.id ?? versions[0]!.id}>
            {versions.map(option)}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('compare')}
        </button>
      </form>
      {diff && (
        <>
          <p className="mb-2 text-sm text-gray-700" role="status">
            {diff.every((d) => d.op === 'same')
              ? t('diffIdentical')
              : t('diffSummary', { added: diff.filter((d) => d.op === 'add').length, removed: diff.filter((d) => d.op === 'del').length })}
          </p>
          <div className="overflow-x-auto whitespace-pre-wrap rounded-md border border-gray-200 font-mono text-sm" role="group" aria-label={t('diffTitle')}>
            {diff.map((d, n) => (
              <div
                key={n}
                className={d.op === 'add' ? 'bg-green-50 text-green-900' : d.op === 'del' ? 'bg-red-50 text-red-900' : 'text-gray-800'}
              >
                <span aria-hidden="true" className="inline-block w-6 select-none text-center">
                  {d.op === 'add' ? '+' : d.op === 'del' ? '−' : ' '}
                </span>
                {d.op !== 'same' && <span className="sr-only">{t(d.op === 'add' ? 'diffAdded' : 'diffRemoved')} </span>}
                {d.line || ' '}
              </div>
            ))}
          </div>
        </>
      )}
    </>
  );
}
