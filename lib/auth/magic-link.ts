import { pickLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';
import { mailsGoToLocalOutbox } from '@/lib/config';
import { withSystem } from '@/lib/db/with-tenant';
import { enqueueMail } from '@/lib/mail/enqueue';
import { magicLinkMail } from '@/lib/mail/templates';
import { kickMailWorker } from '@/lib/mail/worker';

function cookieValue(header: string | null, name: string): string | undefined {
  return header?.split(';').map((c) => c.trim().split('=')).find(([k]) => k === name)?.[1];
}

/** Auth.js sendVerificationRequest: the sign-in link goes through the same outbox as every other mail. */
export async function sendMagicLink({ identifier, url, request }: { identifier: string; url: string; request?: Request }) {
  const locale = pickLocale(cookieValue(request?.headers.get('cookie') ?? null, LOCALE_COOKIE), request?.headers.get('accept-language'));
  const mail = await magicLinkMail(locale, url);
  await withSystem((tx) => enqueueMail(tx, { tenantId: null, kind: 'magic_link', to: identifier, ...mail }));
  kickMailWorker();
  if (mailsGoToLocalOutbox() && process.env.NODE_ENV !== 'production') {
    // Development convenience (no mail server): the link is also in /dev/outbox and $DATA_DIR/outbox.
    console.log(`\n  Sign-in link for ${identifier}:\n  ${url}\n`);
  }
}
