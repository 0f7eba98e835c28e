// GET /c/[tenant]/p/[token]/data.json – everything held about the contact (GDPR Art. 15), machine-readable.
import { z } from 'zod';
import { accessForPersonalToken, accessJson } from '@/lib/evidence/access-data';
import { download } from '@/lib/http/download';
import { publicRoute } from '@/lib/http/public-pipeline';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });

export const GET = publicRoute({ params }, async ({ params: { tenant, token }, locale }) => {
  const data = await accessForPersonalToken(tenant, token);
  return download(accessJson(data), `${locale === 'en' ? 'my-data' : 'meine-daten'}-${tenant}.json`, 'application/json; charset=utf-8');
});
