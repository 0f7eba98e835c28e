// GET /dashboard/links/[linkId]/poster.pdf?size=a4|a6&lang=de|en – printable counter poster with the link's QR code
import { z } from 'zod';
import { renderPosterPdf } from '@/lib/evidence/pdf/poster-pdf';
import { memberRoute } from '@/lib/http/pipeline';
import { loadPosterData } from '@/lib/links/poster-data';
import { linkIdSchema, posterQuerySchema } from '@/lib/links/schemas';
import { showablePoster } from '@/lib/links/shown-link';

export const GET = memberRoute(
  'links.read',
  { params: z.object({ linkId: linkIdSchema }), query: posterQuerySchema },
  async ({ ctx, params }, tx) => showablePoster(await loadPosterData(tx, ctx, params.linkId)),
  async (data, { ctx, params, query }) => {
    const pdf = await renderPosterPdf(data, query.size, query.lang);
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="poster-${ctx.tenantSlug}-${params.linkId.slice(0, 8)}-${query.size.toLowerCase()}-${query.lang}.pdf"`,
        'X-Content-Type-Options': 'nosniff',
        // The code carries a working link token: keep it out of shared caches.
        'Cache-Control': 'private, no-store',
      },
    });
  },
);
