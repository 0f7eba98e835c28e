// GET /api/ledger/<tenant id>/tile/<L>/<N>[.p/<W>] – public: a C2SP tlog-tiles tile of the tenant's Merkle tree
// (hashes only, never entries: those carry contact and link ids; issue #16). Full tiles are immutable.
import { z } from 'zod';
import { env } from '@/lib/env';
import { publicRoute } from '@/lib/http/public-pipeline';
import { publicTile } from '@/lib/ledger/public';
import { ledgerTile } from '@/lib/ledger/public-response';

export const GET = publicRoute(
  { params: z.object({ tenant: z.uuid(), path: z.array(z.string().max(20)).min(2).max(8) }), ipLimit: { scope: 'ledger', limit: () => env().LEDGER_RATE_LIMIT_IP } },
  async ({ params }) => {
    const tile = await publicTile(params.tenant, params.path.join('/'));
    return ledgerTile(tile.bytes, tile.full);
  },
);
