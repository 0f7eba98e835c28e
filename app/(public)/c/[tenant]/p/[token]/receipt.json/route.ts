// GET /c/[tenant]/p/[token]/receipt.json – the contact's machine-readable receipt of their latest decision.
import { z } from 'zod';
import { receiptForContactToken } from '@/lib/evidence/contact-receipt';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { buildConsentReceipt } from '@/lib/evidence/receipt-json';
import { download } from '@/lib/http/download';
import { publicRoute } from '@/lib/http/public-pipeline';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });

export const GET = publicRoute({ params }, async ({ params: { tenant, token } }) => {
  const data = await receiptForContactToken(tenant, token);
  return download(JSON.stringify(buildConsentReceipt(data), null, 2), receiptFilename(data, 'json'), 'application/json; charset=utf-8');
});
