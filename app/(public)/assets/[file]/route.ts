// GET /assets/[file] – the public pages' one stylesheet, under its content-hashed name (immutable for a year).
import { z } from 'zod';
import { PUBLIC_CSS, PUBLIC_CSS_FILE } from '@/components/consent/stylesheet';
import { publicRoute } from '@/lib/http/public-pipeline';

const css = new TextEncoder().encode(PUBLIC_CSS);

export const GET = publicRoute({ params: z.object({ file: z.literal(PUBLIC_CSS_FILE) }) }, async () => {
  return new Response(css, {
    headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' },
  });
});
