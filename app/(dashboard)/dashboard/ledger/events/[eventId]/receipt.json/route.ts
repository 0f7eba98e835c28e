// GET /dashboard/ledger/events/[eventId]/receipt.json – the machine-readable consent receipt (ISO/IEC TS 27560 shape).
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { buildConsentReceipt } from '@/lib/evidence/receipt-json';
import { download, notFoundResponse } from '@/lib/http/download';

export async function GET(_req: Request, { params }: { params: Promise<{ eventId: string }> }) {
  const ctx = await requireMember('proofs.download');
  const id = z.uuid().safeParse((await params).eventId);
  if (!id.success) return notFoundResponse();
  try {
    const data = await withTenant(ctx.tenantId, async (tx) => {
      const d = await gatherReceipt(tx, ctx.tenantId, id.data);
      await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'proof.download', targetType: 'event', targetId: id.data, details: { format: 'json' } });
      return d;
    });
    return download(JSON.stringify(buildConsentReceipt(data), null, 2), receiptFilename(data, 'json'), 'application/json; charset=utf-8');
  } catch (err) {
    if (err instanceof DomainError) return notFoundResponse();
    throw err;
  }
}
