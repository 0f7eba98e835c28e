// GET /dashboard/ledger/events/[eventId]/receipt.json – the machine-readable consent receipt (ISO/IEC TS 27560 shape).
import { z } from 'zod';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import { receiptAudit } from '@/lib/evidence/member-receipt';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { buildConsentReceipt } from '@/lib/evidence/receipt-json';
import { download } from '@/lib/http/download';
import { memberRoute } from '@/lib/http/pipeline';

export const GET = memberRoute(
  'proofs.download',
  { params: z.object({ eventId: z.uuid() }), audit: receiptAudit('json') },
  ({ ctx, params }, tx) => gatherReceipt(tx, ctx.tenantId, params.eventId),
  (data) => download(JSON.stringify(buildConsentReceipt(data), null, 2), receiptFilename(data, 'json'), 'application/json; charset=utf-8'),
);
