// GET /c/[tenant]/p/[token]/receipt.pdf – the contact's own receipt of their latest decision.
import { renderReceiptPdf } from '@/lib/evidence/pdf/render';
import { DomainError } from '@/lib/errors';
import { receiptForContactToken } from '@/lib/evidence/contact-receipt';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { download, notFoundResponse } from '@/lib/http/download';

export async function GET(_req: Request, { params }: { params: Promise<{ tenant: string; token: string }> }) {
  const { tenant, token } = await params;
  try {
    const data = await receiptForContactToken(tenant, token);
    return download(new Uint8Array(await renderReceiptPdf(data, data.event.language)), receiptFilename(data, 'pdf'), 'application/pdf');
  } catch (err) {
    if (err instanceof DomainError) return notFoundResponse();
    throw err;
  }
}
