import 'server-only';
import { appUrl } from '@/lib/config';
import { env } from '@/lib/env';
import { requestInfo } from '@/lib/http/request-info';
import { log } from '@/lib/log';
import { hitRateLimits } from '@/lib/rate-limit';

/**
 * Sign-in mails: at most SIGNIN_RATE_LIMIT_EMAIL per address and SIGNIN_RATE_LIMIT_IP requests per client address
 * per SIGNIN_RATE_LIMIT_WINDOW seconds (kept in PostgreSQL, so shared by all instances). Used as Auth.js's signIn
 * callback for the e-mail step: `true` lets Auth.js write the token and send the mail; over the limit it answers
 * with the very page a sent mail gets ("check your e-mail"), so the answer says nothing about the address or limit.
 */
export async function signInMailAllowed(email: string | null | undefined): Promise<true | string> {
  const e = env();
  const { rawIp } = await requestInfo();
  const within = await hitRateLimits(
    [
      { key: `signin:email:${(email ?? '').trim().toLowerCase()}`, limit: e.SIGNIN_RATE_LIMIT_EMAIL },
      { key: `signin:ip:${rawIp}`, limit: e.SIGNIN_RATE_LIMIT_IP },
    ],
    e.SIGNIN_RATE_LIMIT_WINDOW,
  );
  if (within) return true;
  log.warn({}, 'sign-in mail refused: rate limit');
  return `${appUrl()}/api/auth/verify-request?${new URLSearchParams({ provider: 'resend', type: 'email' })}`;
}
