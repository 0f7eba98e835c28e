// GET /dashboard/ledger/report.pdf?from=YYYY-MM-DD&to=YYYY-MM-DD – the DPO's periodic evidence report.
import { getLocale } from 'next-intl/server';
import { gatherLedgerReport } from '@/lib/evidence/report-data';
import { reportRangeSchema } from '@/lib/evidence/schemas';
import { renderLedgerReportPdf } from '@/lib/evidence/pdf/render';
import { download } from '@/lib/http/download';
import { memberRoute } from '@/lib/http/pipeline';
import type { Locale } from '@/lib/i18n/locales';

export const GET = memberRoute(
  'proofs.download',
  { query: reportRangeSchema, audit: { action: 'proof.report', details: ({ query }) => query } },
  // Rendered inside the transaction: the report reads its rows batch by batch while rendering.
  async ({ ctx, query }, tx) => {
    const locale = (await getLocale()) as Locale;
    const pdf = await renderLedgerReportPdf(await gatherLedgerReport(tx, ctx.tenantId, query), locale);
    return download(new Uint8Array(pdf), `${locale === 'en' ? 'report' : 'bericht'}-${ctx.tenantSlug}-${query.from}-${query.to}.pdf`, 'application/pdf');
  },
);
