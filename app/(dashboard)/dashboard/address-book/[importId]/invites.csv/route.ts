// GET /dashboard/address-book/<import>/invites.csv – the personal invite links created for "not asked yet" (owner/admin, audited).
import { inviteRows } from '@/lib/address-book/invite-rows';
import { invitesCsv } from '@/lib/address-book/exports';
import { day, importDownload } from '../../_shared/download-route';

export const GET = importDownload('address_book.export_invites_csv', (imp, ctx, locale) => ({
  body: invitesCsv(inviteRows(imp.payload, ctx, locale)),
  filename: `einladungen-${ctx.tenantSlug}-${day(imp.createdAt)}.csv`,
  contentType: 'text/csv; charset=utf-8',
}));
