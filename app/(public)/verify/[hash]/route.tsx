// GET /verify/[hash] – public: does this event exist, and is its company's chain intact? No personal data (plain HTML).
import { z } from 'zod';
import { publicI18n } from '@/components/consent/i18n';
import { VerifyPage, type VerifyOutcome } from '@/components/consent/verify-page';
import { env } from '@/lib/env';
import { eventHashSchema } from '@/lib/evidence/schemas';
import { verifyEventByHash } from '@/lib/evidence/verify-event';
import { htmlResponse } from '@/lib/http/html';
import { publicRoute } from '@/lib/http/public-pipeline';
import { hitRateLimit } from '@/lib/rate-limit';

const params = z.object({ hash: z.string().max(200) });

export const GET = publicRoute({ params }, async ({ params: { hash }, locale, info }) => {
  let outcome: VerifyOutcome;
  if (!eventHashSchema.safeParse(hash).success) outcome = { kind: 'invalid' };
  // Verifying recomputes the events after the cached verified prefix (bounded per request): limited per client address.
  else if (!(await hitRateLimit(`verify:ip:${info.rawIp}`, env().VERIFY_RATE_LIMIT_IP))) outcome = { kind: 'rateLimited' };
  else {
    const result = await verifyEventByHash(hash);
    outcome = result ? { kind: 'found', result, hash } : { kind: 'notFound' };
  }
  const status = { invalid: 400, rateLimited: 429, notFound: 404, found: 200, form: 200, receipt: 200, uploadRefused: 400 }[outcome.kind];
  return htmlResponse(<VerifyPage i18n={publicI18n(locale)} self={`/verify/${encodeURIComponent(hash)}`} hash={hash} outcome={outcome} />, status, status === 429 ? { 'Retry-After': '60' } : {});
});
