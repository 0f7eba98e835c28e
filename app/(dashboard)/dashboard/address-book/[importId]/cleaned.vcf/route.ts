// GET /dashboard/address-book/<import>/cleaned.vcf – the cards that may stay, original card text (owner/admin, audited).
import { cleanedVcard } from '@/lib/address-book/exports';
import { day, importDownload } from '../../_shared/download-route';

export const GET = importDownload('address_book.export_vcard', (imp, ctx) => ({
  body: cleanedVcard(imp.payload),
  filename: `adressbuch-bereinigt-${ctx.tenantSlug}-${day(imp.createdAt)}.vcf`,
  contentType: 'text/vcard; charset=utf-8',
}));
