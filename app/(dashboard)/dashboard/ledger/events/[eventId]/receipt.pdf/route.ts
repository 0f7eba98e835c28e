// GET /dashboard/ledger/events/[eventId]/receipt.pdf – the consent receipt of one event (owner/admin/dpo).
import { z } from 'zod';
import { renderReceiptPdf } from '@/components/pdf/render';
import { recordAudit } from '@/lib/audit/record-audit';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { download, notFoundResponse } from '@/lib/http/download';

export async function GET(_req: Request, { params }: { params: Promise<{ eventId: string }> }) {
  const ctx = await requireMember('proofs.download');
  const id = z.uuid().safeParse((await params).eventId);
  if (!id.success) return notFoundResponse();
  try {
    const data = await withTenant(ctx.tenantId, async (tx) => {
      const d = await gatherReceipt(tx, ctx.tenantId, id.data);
      await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'proof.download', targetType: 'event', targetId: id.data, details: { format: 'pdf' } });
      return d;
    });
    return download(new Uint8Array(await renderReceiptPdf(data, data.event.language)), receiptFilename(data, 'pdf'), 'application/pdf');
  } catch (err) {
    if (err instanceof DomainError) return notFoundResponse();
    throw err;
  }
}
