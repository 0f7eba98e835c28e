// GET /dashboard/address-book/checks/<check>/report.pdf – the DPO's one-page address-book check (owner/admin/dpo, audited).
import { getLocale } from 'next-intl/server';
import { gatherCheckPdf } from '@/lib/address-book/check-data';
import { importIdSchema } from '@/lib/address-book/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { renderAddressBookCheckPdf } from '@/lib/evidence/pdf/address-book-pdf';
import { download } from '@/lib/http/download';
import type { Locale } from '@/lib/i18n/locales';

export async function GET(_request: Request, { params }: { params: Promise<{ checkId: string }> }) {
  const ctx = await requireMember('addressBook.checks');
  const id = importIdSchema.safeParse((await params).checkId);
  if (!id.success) return Response.json({ code: 'notFound' }, { status: 404 });
  const locale = (await getLocale()) as Locale;
  const data = await withTenant(ctx.tenantId, async (tx) => {
    const d = await gatherCheckPdf(tx, ctx.tenantId, id.data);
    if (d) await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'address_book.check_pdf', targetType: 'address_book_check', targetId: id.data });
    return d;
  });
  if (!data) return Response.json({ code: 'notFound' }, { status: 404 });
  const pdf = await renderAddressBookCheckPdf(data, locale);
  return download(new Uint8Array(pdf), `adressbuch-pruefung-${ctx.tenantSlug}-${data.check.createdAt.toISOString().slice(0, 10)}.pdf`, 'application/pdf');
}
