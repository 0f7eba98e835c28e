// GET /dashboard/links/[linkId]/qr?format=svg|png – QR code of an invite link
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { getLink } from '@/lib/links/get-link';
import { inviteUrl } from '@/lib/links/link-url';
import { qrPng, qrSvg } from '@/lib/links/qr';
import { linkIdSchema, qrFormatSchema } from '@/lib/links/schemas';

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };

export async function GET(request: Request, { params }: { params: Promise<{ linkId: string }> }) {
  const ctx = await requireMember('links.read');
  const linkId = linkIdSchema.safeParse((await params).linkId);
  if (!linkId.success) return new Response('Not found', { status: 404, headers: TEXT });
  const format = qrFormatSchema.safeParse(new URL(request.url).searchParams.get('format') ?? undefined);
  if (!format.success) return new Response('Bad request: format must be svg or png', { status: 400, headers: TEXT });
  const link = await withTenant(ctx.tenantId, (tx) => getLink(tx, ctx.tenantId, linkId.data));
  if (!link) return new Response('Not found', { status: 404, headers: TEXT });
  // A link from before stored tokens whose token AUTH_SECRET no longer derives: it works, but its URL is unknown.
  if (!link.token) return new Response('Gone: this link cannot be shown again; create a new one', { status: 410, headers: TEXT });

  const url = inviteUrl(ctx.tenantSlug, link.token);
  const body = format.data === 'png' ? new Uint8Array(await qrPng(url)) : await qrSvg(url);
  return new Response(body, {
    headers: {
      'Content-Type': format.data === 'png' ? 'image/png' : 'image/svg+xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="qr-${ctx.tenantSlug}-${link.id.slice(0, 8)}.${format.data}"`,
      'X-Content-Type-Options': 'nosniff',
      // The code carries a working link token: keep it out of shared caches.
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
