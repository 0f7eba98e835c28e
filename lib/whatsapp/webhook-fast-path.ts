import 'server-only';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { answerDelivery, MAX_WEBHOOK_BYTES, WEBHOOK_HEADERS } from './receive-webhook';

/**
 * The webhook's POST served before Next's router (issue #17: p99 < 50 ms at 200 deliveries/s; Next's own request
 * handling alone took ≈ 50 ms p99 on 2 cores). `npm start` runs server.mjs, Next's documented custom-server mode;
 * its request listener is `withWebhookFastPath(nextHandler)`: a POST to exactly WEBHOOK_PATH is read here (raw bytes,
 * size limit) and answered by answerDelivery — the same function the route handler (app/api/whatsapp/webhook)
 * calls, so signature check, storage and answers are one implementation; everything else, GET (Meta's handshake)
 * included, goes to Next. Like the route, this path does no Host check (proxy.ts skips it): nothing here is built from
 * the Host header, and a delivery is authenticated by its HMAC alone.
 */
export const WEBHOOK_PATH = '/api/whatsapp/webhook';

/** A POST to exactly the webhook path (query string allowed, as for the route). */
export function isWebhookDelivery(method: string | undefined, url: string | undefined): boolean {
  if (method !== 'POST' || !url?.startsWith(WEBHOOK_PATH)) return false;
  const rest = url.slice(WEBHOOK_PATH.length);
  return rest === '' || rest.startsWith('?');
}

/** The body up to `limit` bytes; null when it is larger (declared or streamed); undefined when the client went away. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (v: Buffer | null | undefined) => {
      req.off('data', onData);
      resolve(v);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        done(null);
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => done(Buffer.concat(chunks, size)));
    req.once('error', () => done(undefined));
    req.once('aborted', () => done(undefined));
  });
}

/** Reads one delivery and answers it (413 closes the connection: the rest of an oversized body is never read). */
export async function serveWebhookDelivery(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req, MAX_WEBHOOK_BYTES);
  if (raw === undefined) return;
  const signature = req.headers['x-hub-signature-256'];
  const a = await answerDelivery(raw, typeof signature === 'string' ? signature : null);
  res.writeHead(a.status, { ...WEBHOOK_HEADERS, 'content-length': Buffer.byteLength(a.text), ...(raw === null ? { connection: 'close' } : {}) });
  res.end(a.text);
}

/** The custom server's request listener: webhook deliveries here, every other request to `next`. */
export function withWebhookFastPath(next: RequestListener): RequestListener {
  return (req, res) => {
    if (!isWebhookDelivery(req.method, req.url)) return next(req, res);
    serveWebhookDelivery(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, WEBHOOK_HEADERS);
      res.end();
    });
  };
}

const g = globalThis as unknown as { __einwWithWebhookFastPath?: typeof withWebhookFastPath };

/**
 * Hands withWebhookFastPath to server.mjs, which runs outside Next's bundles and cannot import lib/ itself: called at
 * the end of server start (lib/boot.ts, from instrumentation). In production Next runs instrumentation while its first
 * requests wait, not inside `app.prepare()`, so server.mjs looks for it per request until it is there.
 */
export function offerWebhookFastPath(): void {
  g.__einwWithWebhookFastPath = withWebhookFastPath;
}
