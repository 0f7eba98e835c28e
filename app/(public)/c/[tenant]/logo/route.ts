// GET /c/[tenant]/logo – the company logo for the consent page
import { withSystem } from '@/lib/db/with-tenant';
import { getLogoBySlug } from '@/lib/tenants/get-logo';

export async function GET(_req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const logo = await withSystem((tx) => getLogoBySlug(tx, tenant));
  if (!logo) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      'Content-Type': logo.contentType,
      'Content-Length': String(logo.bytes.length),
      'X-Content-Type-Options': 'nosniff',
      // Short public cache: a new logo shows within minutes; the dashboard adds ?v=<hash> to see it at once.
      'Cache-Control': 'public, max-age=300, stale-while-revalidate=3600',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
