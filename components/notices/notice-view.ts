import type { NoticeVersion, NoticeWithVersions } from '@/lib/notices/get-notice';
import { defaultPurpose, NOTICE_LANGUAGES, type NoticeLanguage } from '@/lib/notices/schemas';

export type NoticeSearch = { lang?: string | string[]; v?: string | string[]; a?: string | string[]; b?: string | string[]; published?: string | string[] };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** What the notice page shows for its URL: the language, its draft, the text a new draft starts from, the preview. */
export function noticeView(notice: NoticeWithVersions, search: NoticeSearch, tenantName: string) {
  const byId = (v: string | undefined) => notice.versions.find((x) => x.id === v);
  const lang: NoticeLanguage = NOTICE_LANGUAGES.find((l) => l === one(search.lang)) ?? notice.versions[0]?.language ?? 'de';
  const inLang = notice.versions.filter((v) => v.language === lang);
  const draft: NoticeVersion | undefined = inLang[0]?.status === 'draft' ? inLang[0] : undefined;
  // A new draft starts from the latest text in this language, else from the latest in any (a translation).
  const prefill = draft ?? inLang[0] ?? notice.versions[0];
  // A translation keeps a custom purpose, but the default purpose is swapped for the one in the target language.
  const prefillPurpose =
    prefill && prefill.language !== lang && prefill.purpose === defaultPurpose(tenantName, prefill.language) ? defaultPurpose(tenantName, lang) : prefill?.purpose;
  return {
    lang,
    draft,
    latestInLang: inLang[0],
    nextVersion: (notice.versions[0]?.version ?? 0) + 1,
    initial: prefill ? { title: prefill.title, body: prefill.body, purpose: prefillPurpose, legalBasis: prefill.legalBasis } : {},
    preview: byId(one(search.v)) ?? draft ?? inLang[0] ?? notice.versions[0],
    // "Version n published" only while it is still the newest in its language (the URL keeps ?published after edits).
    publishedFlash: inLang[0]?.status === 'published' && String(inLang[0].version) === one(search.published) ? inLang[0] : undefined,
    diff: { a: byId(one(search.a)), b: byId(one(search.b)) },
  };
}

export type NoticeView = ReturnType<typeof noticeView>;
