// GET /api/ledger/<tenant id>/checkpoint – public: the tenant's latest signed checkpoint (C2SP tlog-checkpoint in a
// signed note, text/plain; issue #16). 404 for an unknown tenant or a log with nothing sealed yet.
import { z } from 'zod';
import { env } from '@/lib/env';
import { publicRoute } from '@/lib/http/public-pipeline';
import { publicCheckpoint } from '@/lib/ledger/public';
import { ledgerText } from '@/lib/ledger/public-response';

export const GET = publicRoute({ params: z.object({ tenant: z.uuid() }), ipLimit: { scope: 'ledger', limit: () => env().LEDGER_RATE_LIMIT_IP } }, async ({ params }) =>
  ledgerText(await publicCheckpoint(params.tenant), 'public, max-age=5'),
);
