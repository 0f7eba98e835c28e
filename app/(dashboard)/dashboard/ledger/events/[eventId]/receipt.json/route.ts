// GET /dashboard/ledger/events/[eventId]/receipt.json – the machine-readable consent receipt (ISO/IEC TS 27560 shape).
import { z } from 'zod';
import { requireMember } from '@/lib/auth/member-context';
import { DomainError } from '@/lib/errors';
import { receiptForMember } from '@/lib/evidence/member-receipt';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { buildConsentReceipt } from '@/lib/evidence/receipt-json';
import { download, notFoundResponse } from '@/lib/http/download';

export async function GET(_req: Request, { params }: { params: Promise<{ eventId: string }> }) {
  const ctx = await requireMember('proofs.download');
  const id = z.uuid().safeParse((await params).eventId);
  if (!id.success) return notFoundResponse();
  const data = await receiptForMember(ctx, id.data, 'json').catch((err) => (err instanceof DomainError ? null : Promise.reject(err)));
  if (!data) return notFoundResponse();
  return download(JSON.stringify(buildConsentReceipt(data), null, 2), receiptFilename(data, 'json'), 'application/json; charset=utf-8');
}
