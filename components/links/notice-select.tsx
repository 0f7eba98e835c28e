'use client';

import { useTranslations } from 'next-intl';

/** The notice a new link asks consent for; keyed by its value so a failed submit shows the submitted choice. */
export function NoticeSelect({ notices, value, error }: { notices: { id: string; name: string }[]; value: string; error?: string }) {
  const t = useTranslations('links');
  return (
    <div className="field">
      <label htmlFor="f-noticeId" className="label">
        {t('notice')}
      </label>
      <select
        id="f-noticeId"
        name="noticeId"
        className="input"
        required
        defaultValue={value}
        key={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'f-noticeId-error' : undefined}
      >
        <option value="" disabled>
          {t('chooseNotice')}
        </option>
        {notices.map((n) => (
          <option key={n.id} value={n.id}>
            {n.name}
          </option>
        ))}
      </select>
      {error && (
        <p id="f-noticeId-error" className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
