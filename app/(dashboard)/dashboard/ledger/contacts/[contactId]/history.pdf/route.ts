// GET /dashboard/ledger/contacts/[contactId]/history.pdf – every event of one contact with the notices referenced.
import { z } from 'zod';
import { renderContactHistoryPdf } from '@/lib/evidence/pdf/render';
import { recordAudit } from '@/lib/audit/record-audit';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { gatherContactHistory } from '@/lib/evidence/history-data';
import { download, notFoundResponse } from '@/lib/http/download';
import type { Locale } from '@/lib/i18n/locales';
import { getLocale } from 'next-intl/server';

export async function GET(_req: Request, { params }: { params: Promise<{ contactId: string }> }) {
  const ctx = await requireMember('proofs.download');
  const id = z.uuid().safeParse((await params).contactId);
  if (!id.success) return notFoundResponse();
  try {
    const data = await withTenant(ctx.tenantId, async (tx) => {
      const d = await gatherContactHistory(tx, ctx.tenantId, id.data);
      await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'proof.download', targetType: 'contact', targetId: id.data, details: { format: 'history' } });
      return d;
    });
    const locale = (await getLocale()) as Locale;
    return download(new Uint8Array(await renderContactHistoryPdf(data, locale)), `${locale === 'en' ? 'history' : 'verlauf'}-${id.data.slice(0, 8)}.pdf`, 'application/pdf');
  } catch (err) {
    if (err instanceof DomainError) return notFoundResponse();
    throw err;
  }
}
