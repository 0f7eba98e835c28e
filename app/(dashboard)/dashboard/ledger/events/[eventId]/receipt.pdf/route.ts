// GET /dashboard/ledger/events/[eventId]/receipt.pdf – the consent receipt of one event (owner/admin/dpo).
import { z } from 'zod';
import { renderReceiptPdf } from '@/lib/evidence/pdf/render';
import { requireMember } from '@/lib/auth/member-context';
import { DomainError } from '@/lib/errors';
import { receiptForMember } from '@/lib/evidence/member-receipt';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { download, notFoundResponse } from '@/lib/http/download';

export async function GET(_req: Request, { params }: { params: Promise<{ eventId: string }> }) {
  const ctx = await requireMember('proofs.download');
  const id = z.uuid().safeParse((await params).eventId);
  if (!id.success) return notFoundResponse();
  const data = await receiptForMember(ctx, id.data, 'pdf').catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
  if (!data) return notFoundResponse();
  return download(new Uint8Array(await renderReceiptPdf(data, data.event.language)), receiptFilename(data, 'pdf'), 'application/pdf');
}
