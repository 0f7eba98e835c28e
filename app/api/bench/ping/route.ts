import { env } from '@/lib/env';

// GET /api/bench/ping – the framework ceiling for a GET in `npm run bench` (page part): a route that renders nothing
// and touches no database. Only with BENCH_ROUTES=1.
export const dynamic = 'force-dynamic';

export async function GET() {
  if (!env().BENCH_ROUTES) return new Response(null, { status: 404 });
  return new Response('ok', { status: 200, headers: { 'content-type': 'text/plain' } });
}
