// GET /verify/[hash]/proof.json – public: the event's proof of inclusion against its company's latest signed checkpoint
// (issue #16; verify offline with `npm run verify -- proof.json --pubkey KEY`). No personal data.
import { z } from 'zod';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { proofForEventHash } from '@/lib/evidence/event-proof';
import { eventHashSchema } from '@/lib/evidence/schemas';
import { download } from '@/lib/http/download';
import { publicRoute } from '@/lib/http/public-pipeline';

export const GET = publicRoute({ params: z.object({ hash: eventHashSchema }), ipLimit: { scope: 'verify', limit: () => env().VERIFY_RATE_LIMIT_IP } }, async ({ params: { hash } }) => {
  const proof = await proofForEventHash(hash);
  if (!proof) throw new DomainError('notFound', 404);
  return download(JSON.stringify(proof, null, 2), `proof-${hash.slice(0, 16)}.json`, 'application/json; charset=utf-8');
});
