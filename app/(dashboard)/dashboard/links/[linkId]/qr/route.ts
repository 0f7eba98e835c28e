// GET /dashboard/links/[linkId]/qr?format=svg|png – QR code of an invite link
import { z } from 'zod';
import { memberRoute } from '@/lib/http/pipeline';
import { inviteUrl } from '@/lib/links/link-url';
import { qrPng, qrSvg } from '@/lib/links/qr';
import { linkIdSchema, qrFormatSchema } from '@/lib/links/schemas';
import { showableLink } from '@/lib/links/shown-link';

export const GET = memberRoute(
  'links.read',
  { params: z.object({ linkId: linkIdSchema }), query: z.object({ format: qrFormatSchema }) },
  ({ ctx, params }, tx) => showableLink(tx, ctx.tenantId, params.linkId),
  async (link, { ctx, query }) => {
    const url = inviteUrl(ctx.tenantSlug, link.token);
    const body = query.format === 'png' ? new Uint8Array(await qrPng(url)) : await qrSvg(url);
    return new Response(body, {
      headers: {
        'Content-Type': query.format === 'png' ? 'image/png' : 'image/svg+xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="qr-${ctx.tenantSlug}-${link.id.slice(0, 8)}.${query.format}"`,
        'X-Content-Type-Options': 'nosniff',
        // The code carries a working link token: keep it out of shared caches.
        'Cache-Control': 'private, no-store',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  },
);
