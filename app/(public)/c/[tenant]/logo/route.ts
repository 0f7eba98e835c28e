// GET /c/[tenant]/logo – the company logo for the consent page
import { z } from 'zod';
import { publicRoute } from '@/lib/http/public-pipeline';
import { publicLogo } from '@/lib/tenants/public-logo';

export const GET = publicRoute({ params: z.object({ tenant: z.string().max(64) }) }, async ({ params }) => {
  const logo = await publicLogo(params.tenant);
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
});
