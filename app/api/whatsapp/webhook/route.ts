import { log } from '@/lib/log';
import { MAX_WEBHOOK_BYTES, receiveWebhook } from '@/lib/whatsapp/receive-webhook';
import { verifyHandshake } from '@/lib/whatsapp/verify-handshake';

export const dynamic = 'force-dynamic';

// proxy.ts skips this path (see its matcher): the few headers that matter for a text/plain answer are set here.
const text = (body: string, status: number) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });

/** Meta's verify-token handshake: the challenge as text/plain, else 403. */
export async function GET(req: Request) {
  const challenge = await verifyHandshake(new URL(req.url).searchParams);
  return challenge === null ? text('Forbidden', 403) : text(challenge, 200);
}

/** Webhook deliveries: the raw body is signature-checked and stored; processing is the worker's (lib/whatsapp). */
export async function POST(req: Request) {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) return text('Payload Too Large', 413);
  const raw = Buffer.from(await req.arrayBuffer());
  if (raw.length > MAX_WEBHOOK_BYTES) return text('Payload Too Large', 413);
  try {
    const r = await receiveWebhook(raw, req.headers.get('x-hub-signature-256'));
    return text(r.status === 200 ? 'OK' : r.status === 401 ? 'Unauthorized' : 'Bad Request', r.status);
  } catch (err) {
    // Not acknowledged: Meta delivers again later, and the inbox's unique key makes the retry harmless.
    log.error({ code: (err as { code?: string }).code, err: err instanceof Error ? err.name : 'error' }, 'whatsapp webhook failed');
    return text('Internal Server Error', 500);
  }
}
