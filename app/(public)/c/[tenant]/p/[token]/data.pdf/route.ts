// GET /c/[tenant]/p/[token]/data.pdf – everything held about the contact (GDPR Art. 15), as a PDF.
import { z } from 'zod';
import { accessForPersonalToken } from '@/lib/evidence/access-data';
import { renderAccessPdf } from '@/lib/evidence/pdf/access-pdf';
import { download } from '@/lib/http/download';
import { publicRoute } from '@/lib/http/public-pipeline';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });

export const GET = publicRoute({ params }, async ({ params: { tenant, token }, locale }) => {
  const pdf = await renderAccessPdf(await accessForPersonalToken(tenant, token), locale);
  return download(new Uint8Array(pdf), `${locale === 'en' ? 'my-data' : 'meine-daten'}-${tenant}.pdf`, 'application/pdf');
});
