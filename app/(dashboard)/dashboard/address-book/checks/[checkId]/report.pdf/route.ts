// GET /dashboard/address-book/checks/<check>/report.pdf – the DPO's one-page address-book check (owner/admin/dpo, audited).
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { gatherCheckPdf } from '@/lib/address-book/check-data';
import { importIdSchema } from '@/lib/address-book/schemas';
import { notFound } from '@/lib/errors';
import { renderAddressBookCheckPdf } from '@/lib/evidence/pdf/address-book-pdf';
import { download } from '@/lib/http/download';
import { memberRoute } from '@/lib/http/pipeline';
import type { Locale } from '@/lib/i18n/locales';

export const GET = memberRoute(
  'addressBook.checks',
  { params: z.object({ checkId: importIdSchema }), audit: { action: 'address_book.check_pdf', target: (i) => ({ type: 'address_book_check', id: i.params.checkId }) } },
  async ({ params, ctx }, tx) => {
    const data = await gatherCheckPdf(tx, ctx.tenantId, params.checkId);
    if (!data) throw notFound();
    return data;
  },
  async (data, { ctx }) => {
    const pdf = await renderAddressBookCheckPdf(data, (await getLocale()) as Locale);
    return download(new Uint8Array(pdf), `adressbuch-pruefung-${ctx.tenantSlug}-${data.check.createdAt.toISOString().slice(0, 10)}.pdf`, 'application/pdf');
  },
);
