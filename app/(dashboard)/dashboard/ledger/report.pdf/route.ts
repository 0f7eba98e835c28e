// GET /dashboard/ledger/report.pdf?from=YYYY-MM-DD&to=YYYY-MM-DD – the DPO's periodic evidence report.
import { getLocale } from 'next-intl/server';
import { renderLedgerReportPdf } from '@/lib/evidence/pdf/render';
import { recordAudit } from '@/lib/audit/record-audit';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { gatherLedgerReport } from '@/lib/evidence/report-data';
import { reportRangeSchema } from '@/lib/evidence/schemas';
import { download } from '@/lib/http/download';
import type { Locale } from '@/lib/i18n/locales';

export async function GET(request: Request) {
  const ctx = await requireMember('proofs.download');
  const q = new URL(request.url).searchParams;
  const range = reportRangeSchema.safeParse({ from: q.get('from'), to: q.get('to') });
  if (!range.success) return Response.json({ error: 'validation', issues: range.error.issues.map((i) => i.message) }, { status: 400 });
  const locale = (await getLocale()) as Locale;
  // Rendered inside the transaction: the report reads its rows batch by batch while rendering.
  const pdf = await withTenant(ctx.tenantId, async (tx) => {
    await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'proof.report', details: range.data });
    return renderLedgerReportPdf(await gatherLedgerReport(tx, ctx.tenantId, range.data), locale);
  });
  return download(new Uint8Array(pdf), `${locale === 'en' ? 'report' : 'bericht'}-${ctx.tenantSlug}-${range.data.from}-${range.data.to}.pdf`, 'application/pdf');
}
