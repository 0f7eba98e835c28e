// GET /dashboard/ledger/contacts/[contactId]/history.pdf – every event of one contact with the notices referenced.
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { gatherContactHistory } from '@/lib/evidence/history-data';
import { renderContactHistoryPdf } from '@/lib/evidence/pdf/render';
import { download } from '@/lib/http/download';
import { memberRoute } from '@/lib/http/pipeline';
import type { Locale } from '@/lib/i18n/locales';

export const GET = memberRoute(
  'proofs.download',
  {
    params: z.object({ contactId: z.uuid() }),
    audit: { action: 'proof.download', target: ({ params }) => ({ type: 'contact', id: params.contactId }), details: () => ({ format: 'history' }) },
  },
  ({ ctx, params }, tx) => gatherContactHistory(tx, ctx.tenantId, params.contactId),
  async (data, { params }) => {
    const locale = (await getLocale()) as Locale;
    const pdf = await renderContactHistoryPdf(data, locale);
    return download(new Uint8Array(pdf), `${locale === 'en' ? 'history' : 'verlauf'}-${params.contactId.slice(0, 8)}.pdf`, 'application/pdf');
  },
);
