// GET /dashboard/address-book/<import>/removal.csv – the cards that must go, with event and date (owner/admin, audited).
import { removalCsv } from '@/lib/address-book/exports';
import { translator } from '@/lib/i18n/messages';
import { eventLabel } from '@/lib/evidence/pdf/address-book';
import { day, importDownload } from '../../_shared/download-route';

export const GET = importDownload('address_book.export_removal_csv', (imp, ctx, locale) => {
  const t = translator(locale);
  return {
    body: removalCsv(imp.payload, (type) => eventLabel(t, type)),
    filename: `loeschliste-${ctx.tenantSlug}-${day(imp.createdAt)}.csv`,
    contentType: 'text/csv; charset=utf-8',
  };
});
