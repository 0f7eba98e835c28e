// GET /dashboard/ledger/export.csv – every event matching the filters, streamed as CSV (owner/admin/dpo).
import { memberRoute } from '@/lib/http/pipeline';
import { tenantStream } from '@/lib/http/tenant-stream';
import { ledgerCsv } from '@/lib/ledger/export-csv';
import { ledgerFilterSchema } from '@/lib/ledger/schemas';

export const GET = memberRoute(
  'ledger.export',
  { query: ledgerFilterSchema, audit: { action: 'ledger.export_csv', details: ({ query }) => ({ ...query, cursor: undefined }) } },
  // The audit row commits before the first row leaves; the rows stream from a transaction of their own.
  async () => undefined,
  (_none, { ctx, query }) => {
    const day = new Date().toISOString().slice(0, 10);
    return new Response(tenantStream(ctx.tenantId, (tx) => ledgerCsv(tx, ctx.tenantId, { ...query, cursor: undefined })), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="einwilligungen-${ctx.tenantSlug}-${day}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  },
);
