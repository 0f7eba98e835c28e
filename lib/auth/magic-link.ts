import 'server-only';
import { pickLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';
import { appUrl, mailsGoToLocalOutbox } from '@/lib/config';
import { withSystem } from '@/lib/db/with-tenant';
import { enqueueMail } from '@/lib/mail/enqueue';
import { magicLinkMail } from '@/lib/mail/templates';
import { kickMailWorker } from '@/lib/mail/worker';

function cookieValue(header: string | null, name: string): string | undefined {
  return header?.split(';').map((c) => c.trim().split('=')).find(([k]) => k === name)?.[1];
}

/**
 * The magic link on APP_URL's origin whatever Auth.js derived it from: path and query (callback path, token, address)
 * are kept, scheme and host are always the configured ones, so no request header can send the token elsewhere.
 */
export function pinnedToAppUrl(url: string): string {
  const given = new URL(url);
  return new URL(`${given.pathname}${given.search}`, appUrl()).toString();
}

/** Auth.js sendVerificationRequest: the sign-in link goes through the same outbox as every other mail. */
export async function sendMagicLink({ identifier, url: derivedUrl, request }: { identifier: string; url: string; request?: Request }) {
  const url = pinnedToAppUrl(derivedUrl);
  const locale = pickLocale(cookieValue(request?.headers.get('cookie') ?? null, LOCALE_COOKIE), request?.headers.get('accept-language'));
  const mail = await magicLinkMail(locale, url);
  await withSystem((tx) => enqueueMail(tx, { tenantId: null, kind: 'magic_link', to: identifier, ...mail }));
  kickMailWorker();
  if (mailsGoToLocalOutbox() && process.env.NODE_ENV !== 'production') {
    // Development convenience (no mail server): the link is also in /dev/outbox and $DATA_DIR/outbox.
    console.log(`\n  Sign-in link for ${identifier}:\n  ${url}\n`);
  }
}
