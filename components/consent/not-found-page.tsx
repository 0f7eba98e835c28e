import { PublicDocument } from './document';
import { errorText, type PublicI18n } from './i18n';

/** A public page's answer when its link or token does not exist (or another refusal without a form to show again). */
export function PublicErrorPage({ i18n, code }: { i18n: PublicI18n; code: string }) {
  const text = errorText(i18n.t, code);
  return (
    <PublicDocument i18n={i18n} title={text}>
      <main id="main" className="wrap">
        <h1>{text}</h1>
        <p>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- plain HTML without the Next runtime: every link is a document navigation */}
          <a href="/">{i18n.t('app.name')}</a>
        </p>
      </main>
    </PublicDocument>
  );
}
