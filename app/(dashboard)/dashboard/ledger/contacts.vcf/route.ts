// GET /dashboard/ledger/contacts.vcf – vCards of the contacts who currently consent (owner/admin/dpo).
import { recordAudit } from '@/lib/audit/record-audit';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { streamFromGenerator } from '@/lib/http/stream';
import { optedInVcards } from '@/lib/ledger/export-vcard';

export async function GET() {
  const ctx = await requireMember('ledger.export');
  await withTenant(ctx.tenantId, (tx) => recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'ledger.export_vcard' }));
  const stream = streamFromGenerator((emit) => withTenant(ctx.tenantId, async (tx) => {
    for await (const chunk of optedInVcards(tx, ctx.tenantId, ctx.tenantName)) await emit(chunk);
  }));
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/vcard; charset=utf-8',
      'Content-Disposition': `attachment; filename="whatsapp-kontakte-${ctx.tenantSlug}.vcf"`,
      'Cache-Control': 'no-store',
    },
  });
}
