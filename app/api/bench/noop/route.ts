import { env } from '@/lib/env';

// POST /api/bench/noop – the framework ceiling for `npm run bench`: a route that does nothing. Only with BENCH_ROUTES=1.
export async function POST() {
  if (!env().BENCH_ROUTES) return new Response(null, { status: 404 });
  return new Response(null, { status: 204 });
}
