// GET /dashboard/address-book/<import>/removal.pdf – the printable removal list (owner/admin, audited).
import { removalRows } from '@/lib/address-book/exports';
import { renderRemovalListPdf } from '@/lib/evidence/pdf/address-book-pdf';
import { day, importDownload } from '../../_shared/download-route';

export const GET = importDownload('address_book.export_removal_pdf', async (imp, ctx, locale) => ({
  body: new Uint8Array(await renderRemovalListPdf(removalRows(imp.payload), ctx.tenantName, locale)),
  filename: `loeschliste-${ctx.tenantSlug}-${day(imp.createdAt)}.pdf`,
  contentType: 'application/pdf',
}));
