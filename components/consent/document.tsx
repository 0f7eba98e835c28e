import type { ReactNode } from 'react';
import { PUBLIC_CSS_PATH } from './stylesheet';
import type { PublicI18n } from './i18n';

/** The whole HTML document of a public page: one stylesheet, no script. */
export function PublicDocument({ i18n, title, children }: { i18n: PublicI18n; title: string; children: ReactNode }) {
  return (
    <html lang={i18n.locale}>
      {/* eslint-disable-next-line @next/next/no-head-element -- a whole document rendered to a string by a route handler, not an App Router page */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={i18n.t('consent.title')} />
        <meta name="robots" content="noindex, nofollow" />
        {/* No favicon request (it would be a 404 in the console): an empty icon. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={PUBLIC_CSS_PATH} />
      </head>
      <body>
        <a href="#main" className="skip">
          {i18n.t('app.skipToContent')}
        </a>
        {children}
      </body>
    </html>
  );
}

/**
 * The language switch: a plain form posting to /api/public/locale, which stores the choice in the cookie the whole
 * app reads and sends the browser back to `back` (this page, same origin) with 303.
 */
export function LanguageSwitch({ i18n, back }: { i18n: PublicI18n; back: string }) {
  return (
    <form method="post" action="/api/public/locale" className="lang" aria-label={i18n.t('app.language')}>
      <input type="hidden" name="back" value={back} />
      {(['de', 'en'] as const).map((l) => (
        <button key={l} type="submit" name="locale" value={l} lang={l} aria-pressed={i18n.locale === l}>
          {l === 'de' ? 'Deutsch' : 'English'}
        </button>
      ))}
    </form>
  );
}
