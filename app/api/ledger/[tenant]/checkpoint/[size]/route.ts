// GET /api/ledger/<tenant id>/checkpoint/<size> – public: the stored signed checkpoint of exactly <size> entries
// (issue #16). A checkpoint never changes once signed. 404 when there is none of that size.
import { z } from 'zod';
import { env } from '@/lib/env';
import { publicRoute } from '@/lib/http/public-pipeline';
import { publicCheckpoint } from '@/lib/ledger/public';
import { ledgerText } from '@/lib/ledger/public-response';

const size = z.string().regex(/^(0|[1-9][0-9]{0,14})$/).transform(Number);

export const GET = publicRoute({ params: z.object({ tenant: z.uuid(), size }), ipLimit: { scope: 'ledger', limit: () => env().LEDGER_RATE_LIMIT_IP } }, async ({ params }) =>
  ledgerText(await publicCheckpoint(params.tenant, params.size), 'public, max-age=31536000, immutable'),
);
