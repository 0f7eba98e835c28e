'use client';

import { useTranslations } from 'next-intl';
import { NOTICE_LANGUAGES, type NoticeLanguage } from '@/lib/notices/schemas';

/** The language a notice version is written in (not the UI language). */
export function LanguageSelect({ value, error, onChange }: { value: NoticeLanguage; error?: string; onChange: (l: NoticeLanguage) => void }) {
  const t = useTranslations('notices');
  return (
    <div className="field">
      <label htmlFor="f-language" className="label">
        {t('fields.language')}
      </label>
      <select
        id="f-language"
        name="language"
        className="input"
        value={value}
        onChange={(e) => onChange(NOTICE_LANGUAGES.find((l) => l === e.target.value) ?? value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'f-language-error' : undefined}
      >
        {NOTICE_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
      {error && (
        <p id="f-language-error" className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
