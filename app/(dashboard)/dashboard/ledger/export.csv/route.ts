// GET /dashboard/ledger/export.csv – every event matching the filters, streamed as CSV (owner/admin/dpo).
import { recordAudit } from '@/lib/audit/record-audit';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { streamFromGenerator } from '@/lib/http/stream';
import { ledgerCsv } from '@/lib/ledger/export-csv';
import { ledgerFilterSchema } from '@/lib/ledger/schemas';

export async function GET(request: Request) {
  const ctx = await requireMember('ledger.export');
  const parsed = ledgerFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: 'validation', issues: parsed.error.issues.map((i) => i.path.join('.')) }, { status: 400 });
  const filter = { ...parsed.data, cursor: undefined };
  await withTenant(ctx.tenantId, (tx) => recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'ledger.export_csv', details: filter }));
  const stream = streamFromGenerator((emit) => withTenant(ctx.tenantId, async (tx) => {
    for await (const chunk of ledgerCsv(tx, ctx.tenantId, filter)) await emit(chunk);
  }));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="einwilligungen-${ctx.tenantSlug}-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
