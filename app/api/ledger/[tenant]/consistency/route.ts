// GET /api/ledger/<tenant id>/consistency?from=M&to=N – public: the RFC 6962 consistency proof between the tree sizes
// M and N (JSON {size1, size2, hashes}; issue #16). 400 unless 1 ≤ M ≤ N ≤ the current size; 404 for an unknown tenant.
import { z } from 'zod';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { publicRoute } from '@/lib/http/public-pipeline';
import { publicConsistency } from '@/lib/ledger/public';
import { ledgerJson } from '@/lib/ledger/public-response';

const size = z.string().regex(/^(0|[1-9][0-9]{0,14})$/).transform(Number);
const sizes = z.object({ from: size, to: size });

export const GET = publicRoute({ params: z.object({ tenant: z.uuid() }), ipLimit: { scope: 'ledger', limit: () => env().LEDGER_RATE_LIMIT_IP } }, async ({ params, request }) => {
  const query = new URL(request.url).searchParams;
  const parsed = sizes.safeParse({ from: query.get('from') ?? undefined, to: query.get('to') ?? undefined });
  if (!parsed.success) throw new DomainError('validation', 400);
  const proof = await publicConsistency(params.tenant, parsed.data.from, parsed.data.to);
  return ledgerJson(proof, 'public, max-age=31536000, immutable');
});
