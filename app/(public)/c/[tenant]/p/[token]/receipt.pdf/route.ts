// GET /c/[tenant]/p/[token]/receipt.pdf – the contact's own receipt of their latest decision.
import { z } from 'zod';
import { receiptForContactToken } from '@/lib/evidence/contact-receipt';
import { renderReceiptPdf } from '@/lib/evidence/pdf/render';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { download } from '@/lib/http/download';
import { publicRoute } from '@/lib/http/public-pipeline';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });

export const GET = publicRoute({ params }, async ({ params: { tenant, token } }) => {
  const data = await receiptForContactToken(tenant, token);
  return download(new Uint8Array(await renderReceiptPdf(data, data.event.language)), receiptFilename(data, 'pdf'), 'application/pdf');
});
