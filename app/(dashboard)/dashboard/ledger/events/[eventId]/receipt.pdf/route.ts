// GET /dashboard/ledger/events/[eventId]/receipt.pdf – the consent receipt of one event (owner/admin/dpo).
import { z } from 'zod';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import { receiptAudit } from '@/lib/evidence/member-receipt';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { renderReceiptPdf } from '@/lib/evidence/pdf/render';
import { download } from '@/lib/http/download';
import { memberRoute } from '@/lib/http/pipeline';

export const GET = memberRoute(
  'proofs.download',
  { params: z.object({ eventId: z.uuid() }), audit: receiptAudit('pdf') },
  ({ ctx, params }, tx) => gatherReceipt(tx, ctx.tenantId, params.eventId),
  async (data) => download(new Uint8Array(await renderReceiptPdf(data, data.event.language)), receiptFilename(data, 'pdf'), 'application/pdf'),
);
