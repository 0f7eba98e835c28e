// GET /verify – paste the hash from a receipt; a well-formed one goes on to /verify/<hash> (plain HTML).
// POST /verify – upload a receipt JSON (multipart, ≤ 64 kB): its ledger proof is checked with the published key(s),
// and against the company's latest checkpoint (issue #16). Works without JavaScript.
import { z } from 'zod';
import { publicI18n } from '@/components/consent/i18n';
import { VerifyPage, type VerifyOutcome } from '@/components/consent/verify-page';
import { env } from '@/lib/env';
import { eventHashSchema } from '@/lib/evidence/schemas';
import { readUploadedReceipt, verifyUploadedReceipt } from '@/lib/evidence/verify-upload';
import { htmlResponse } from '@/lib/http/html';
import { publicRoute, seeOther } from '@/lib/http/public-pipeline';

export const GET = publicRoute({ params: z.unknown() }, async ({ request, locale }) => {
  const hash = new URL(request.url).searchParams.get('hash') ?? undefined;
  const cleaned = hash?.trim().toLowerCase();
  if (cleaned && eventHashSchema.safeParse(cleaned).success) return seeOther(`/verify/${cleaned}`);
  const outcome = cleaned === undefined ? { kind: 'form' as const } : { kind: 'invalid' as const };
  return htmlResponse(<VerifyPage i18n={publicI18n(locale)} self="/verify" hash={hash} outcome={outcome} />, cleaned === undefined ? 200 : 400);
});

const REFUSAL_STATUS = { noFile: 400, notJson: 400, tooLarge: 413, noProof: 422 } as const;

// The per-address limit comes before the body is read (a 429 page via onProblem, like every refusal here).
export const POST = publicRoute(
  {
    params: z.unknown(),
    ipLimit: { scope: 'verify', limit: () => env().VERIFY_RATE_LIMIT_IP },
    onProblem: (problem, { locale }) => htmlResponse(<VerifyPage i18n={publicI18n(locale)} self="/verify" outcome={problem.status === 429 ? { kind: 'rateLimited' } : { kind: 'uploadRefused', reason: 'noFile' }} />, problem.status),
  },
  async ({ request, locale }) => {
    const read = await readUploadedReceipt(request);
    let outcome: VerifyOutcome;
    let status: number;
    if (typeof read === 'string') [outcome, status] = [{ kind: 'uploadRefused', reason: read }, REFUSAL_STATUS[read]];
    else {
      const result = await verifyUploadedReceipt(read);
      // A well-formed receipt that fails a check: 422, so scripts posting receipts see the verdict in the status too.
      [outcome, status] = [{ kind: 'receipt', result }, result.ok ? 200 : 422];
    }
    return htmlResponse(<VerifyPage i18n={publicI18n(locale)} self="/verify" outcome={outcome} />, status);
  },
);
