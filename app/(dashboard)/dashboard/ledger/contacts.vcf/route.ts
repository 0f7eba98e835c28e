// GET /dashboard/ledger/contacts.vcf – vCards of the contacts who currently consent (owner/admin/dpo).
import { memberRoute } from '@/lib/http/pipeline';
import { tenantStream } from '@/lib/http/tenant-stream';
import { optedInVcards } from '@/lib/ledger/export-vcard';

export const GET = memberRoute(
  'ledger.export',
  { audit: 'ledger.export_vcard' },
  // The audit row commits before the first card leaves; the cards stream from a transaction of their own.
  async () => undefined,
  (_none, { ctx }) =>
    new Response(tenantStream(ctx.tenantId, (tx) => optedInVcards(tx, ctx.tenantId, ctx.tenantName)), {
      headers: {
        'Content-Type': 'text/vcard; charset=utf-8',
        'Content-Disposition': `attachment; filename="whatsapp-kontakte-${ctx.tenantSlug}.vcf"`,
        'Cache-Control': 'no-store',
      },
    }),
);
