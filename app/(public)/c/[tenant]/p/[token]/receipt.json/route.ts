// GET /c/[tenant]/p/[token]/receipt.json – the contact's machine-readable receipt of their latest decision.
import { DomainError } from '@/lib/errors';
import { receiptForContactToken } from '@/lib/evidence/contact-receipt';
import { receiptFilename } from '@/lib/evidence/receipt-files';
import { buildConsentReceipt } from '@/lib/evidence/receipt-json';
import { download, notFoundResponse } from '@/lib/http/download';

export async function GET(_req: Request, { params }: { params: Promise<{ tenant: string; token: string }> }) {
  const { tenant, token } = await params;
  try {
    const data = await receiptForContactToken(tenant, token);
    return download(JSON.stringify(buildConsentReceipt(data), null, 2), receiptFilename(data, 'json'), 'application/json; charset=utf-8');
  } catch (err) {
    if (err instanceof DomainError) return notFoundResponse();
    throw err;
  }
}
