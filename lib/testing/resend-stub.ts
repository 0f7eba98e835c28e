import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubMail = { idempotencyKey: string | null; to: string[]; subject: string; attachments: { filename: string; content: string }[] };

/**
 * A local stand-in for the Resend API (POST /emails), so tests run the real SDK code path via RESEND_BASE_URL.
 * `failNext` makes the next n requests answer 500; like Resend, a repeated Idempotency-Key returns the first id
 * and is not delivered again.
 */
export async function startResendStub() {
  const delivered = new Map<string, StubMail & { id: string }>();
  const state = { failNext: 0, requests: 0, failures: 0, hang: false };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    state.requests++;
    if (req.method !== 'POST' || req.url !== '/emails') {
      res.writeHead(404).end();
      return;
    }
    if (state.hang) return; // never answers: a worker killed mid-send
    if (state.failNext > 0) {
      state.failNext--;
      state.failures++;
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 500, name: 'internal_server_error', message: 'stub outage' }));
      return;
    }
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const existing = key ? delivered.get(key) : undefined;
    const mail = JSON.parse(body) as { to: string | string[]; subject: string; attachments?: { filename: string; content: string }[] };
    const id = existing?.id ?? `stub-${delivered.size + 1}`;
    if (!existing) {
      delivered.set(key ?? id, { id, idempotencyKey: key, to: ([] as string[]).concat(mail.to), subject: mail.subject, attachments: mail.attachments ?? [] });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    delivered,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
