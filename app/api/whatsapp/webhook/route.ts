import { answerDelivery, MAX_WEBHOOK_BYTES, WEBHOOK_HEADERS } from '@/lib/whatsapp/receive-webhook';
import { verifyHandshake } from '@/lib/whatsapp/verify-handshake';

export const dynamic = 'force-dynamic';

// proxy.ts skips this path (see its matcher). In production `npm start` (server.mjs) answers POST before Next's router
// (lib/whatsapp/webhook-fast-path.ts); this handler serves it under `next dev` and `next start`, through the same answerDelivery.
const text = (body: string, status: number) => new Response(body, { status, headers: WEBHOOK_HEADERS });

/** Meta's verify-token handshake: the challenge as text/plain, else 403. */
export async function GET(req: Request) {
  const challenge = await verifyHandshake(new URL(req.url).searchParams);
  return challenge === null ? text('Forbidden', 403) : text(challenge, 200);
}

/** Webhook deliveries: the raw body is signature-checked and stored; processing is the worker's (lib/whatsapp). */
export async function POST(req: Request) {
  const declared = Number(req.headers.get('content-length') ?? 0);
  const raw = declared > MAX_WEBHOOK_BYTES ? null : Buffer.from(await req.arrayBuffer());
  const a = await answerDelivery(raw, req.headers.get('x-hub-signature-256'));
  return text(a.text, a.status);
}
