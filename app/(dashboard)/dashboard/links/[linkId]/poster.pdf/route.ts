// GET /dashboard/links/[linkId]/poster.pdf?size=a4|a6&lang=de|en – printable counter poster with the link's QR code
import { renderPosterPdf } from '@/lib/evidence/pdf/poster-pdf';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { loadPosterData } from '@/lib/links/poster-data';
import { linkIdSchema, posterQuerySchema } from '@/lib/links/schemas';

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };

export async function GET(request: Request, { params }: { params: Promise<{ linkId: string }> }) {
  const ctx = await requireMember('links.read');
  const linkId = linkIdSchema.safeParse((await params).linkId);
  if (!linkId.success) return new Response('Not found', { status: 404, headers: TEXT });
  const search = new URL(request.url).searchParams;
  const query = posterQuerySchema.safeParse({ size: search.get('size') ?? undefined, lang: search.get('lang') ?? undefined });
  if (!query.success) return new Response('Bad request: size must be a4 or a6, lang de or en', { status: 400, headers: TEXT });
  const data = await withTenant(ctx.tenantId, (tx) => loadPosterData(tx, ctx, linkId.data));
  if (!data) return new Response('Not found', { status: 404, headers: TEXT });
  if (data === 'gone') return new Response('Gone: this link cannot be shown again; create a new one', { status: 410, headers: TEXT });

  const pdf = await renderPosterPdf(data, query.data.size, query.data.lang);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="poster-${ctx.tenantSlug}-${linkId.data.slice(0, 8)}-${query.data.size.toLowerCase()}-${query.data.lang}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
      // The code carries a working link token: keep it out of shared caches.
      'Cache-Control': 'private, no-store',
    },
  });
}
