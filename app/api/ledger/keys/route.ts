// GET /.well-known/einwilligung-ledger-keys (rewritten here by next.config.mjs) and /api/ledger/keys – public: the
// verifier keys of the ledger checkpoints, current first, one per line (issue #16, docs/ledger.md).
import { z } from 'zod';
import { env } from '@/lib/env';
import { publicRoute } from '@/lib/http/public-pipeline';
import { publishedKeys } from '@/lib/ledger/public';
import { ledgerText } from '@/lib/ledger/public-response';

export const GET = publicRoute({ params: z.unknown(), ipLimit: { scope: 'ledger', limit: () => env().LEDGER_RATE_LIMIT_IP } }, async () => ledgerText(publishedKeys(), 'public, max-age=300'));
