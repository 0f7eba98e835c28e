import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubMail = { idempotencyKey: string | null; to: string[]; subject: string; attachments: { filename: string; content: string }[] };

/**
 * What the stub did with one POST /emails, as Resend would:
 *  - `delivered`: a new mail (no Idempotency-Key, or a key not accepted before) — Resend sends it;
 *  - `replayed`: the key was accepted before with the same payload — Resend answers the first id and sends nothing;
 *  - `conflict`: the key was accepted before with a different payload — Resend answers 409, sends nothing;
 *  - `faulted`: an injected 500 (`failNext`); `hung`: never answered (`hang`);
 *  - `rate_limited`: an injected 429 with `retry-after` (`rateLimitEvery`), as Resend answers beyond its limit.
 */
export type StubOutcome = 'delivered' | 'replayed' | 'conflict' | 'faulted' | 'hung' | 'rate_limited';
/** One request the stub received, whatever became of it. */
export type StubRequest = { idempotencyKey: string | null; to: string[]; subject: string; payloadHash: string; outcome: StubOutcome; id: string | null; at: number };

/**
 * A local stand-in for the Resend API (POST /emails), so tests run the real SDK code path via RESEND_BASE_URL.
 * `failNext` makes the next n requests answer 500; `rateLimitEvery: n` answers every nth POST /emails with 429 and
 * `retry-after: retryAfter` (seconds) plus `ratelimit-*` headers; like Resend, a repeated Idempotency-Key with the same payload
 * returns the first id and is not delivered again (with another payload: 409). `received` lists every request in
 * arrival order with its outcome and arrival time (`at`, ms); `delivered` holds the mails actually delivered, by key.
 */
export async function startResendStub() {
  const delivered = new Map<string, StubMail & { id: string; payloadHash: string }>();
  const received: StubRequest[] = [];
  const state = { failNext: 0, requests: 0, failures: 0, hang: false, rateLimitEvery: 0, retryAfter: 1, emailPosts: 0 };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const at = Date.now();
    state.requests++;
    if (req.method !== 'POST' || req.url !== '/emails') {
      res.writeHead(404).end();
      return;
    }
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const mail = JSON.parse(body) as { to: string | string[]; subject: string; attachments?: { filename: string; content: string }[] };
    const payloadHash = createHash('sha256').update(body).digest('hex');
    const record = (outcome: StubOutcome, id: string | null) =>
      received.push({ idempotencyKey: key, to: ([] as string[]).concat(mail.to), subject: mail.subject, payloadHash, outcome, id, at });
    if (state.hang) {
      record('hung', null);
      return; // never answers: a worker killed mid-send
    }
    state.emailPosts++;
    if (state.rateLimitEvery > 0 && state.emailPosts % state.rateLimitEvery === 0) {
      record('rate_limited', null);
      res
        .writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(state.retryAfter),
          'ratelimit-limit': '2',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(state.retryAfter),
        })
        .end(JSON.stringify({ statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests. You can only make 2 requests per second.' }));
      return;
    }
    if (state.failNext > 0) {
      state.failNext--;
      state.failures++;
      record('faulted', null);
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 500, name: 'internal_server_error', message: 'stub outage' }));
      return;
    }
    const existing = key ? delivered.get(key) : undefined;
    if (existing && existing.payloadHash !== payloadHash) {
      record('conflict', null);
      res.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 409, name: 'invalid_idempotent_request', message: 'same idempotency key, different payload' }));
      return;
    }
    const id = existing?.id ?? `stub-${received.filter((r) => r.outcome === 'delivered').length + 1}`;
    record(existing ? 'replayed' : 'delivered', id);
    if (!existing) {
      delivered.set(key ?? id, { id, idempotencyKey: key, to: ([] as string[]).concat(mail.to), subject: mail.subject, attachments: mail.attachments ?? [], payloadHash });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    delivered,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Per idempotency key (`null` for requests without one): how many requests the stub received, by outcome. */
export function countByKey(received: StubRequest[]): Map<string | null, Record<StubOutcome, number>> {
  const out = new Map<string | null, Record<StubOutcome, number>>();
  for (const r of received) {
    const c = out.get(r.idempotencyKey) ?? { delivered: 0, replayed: 0, conflict: 0, faulted: 0, hung: 0, rate_limited: 0 };
    c[r.outcome]++;
    out.set(r.idempotencyKey, c);
  }
  return out;
}

/**
 * Checks what the stub received against the mails that should have gone out (their idempotency keys): every request
 * carried a key; every expected key was delivered exactly once and no other key at all; no key was sent again with
 * another payload; and a key was sent again (after an accepted request) only where `mayReplay(key)` allows it, e.g.
 * a mail in flight when its sender died. Returns the problems found, none when all holds.
 */
export function deliveryProblems(received: StubRequest[], expectedKeys: Iterable<string>, mayReplay: (key: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  const expected = new Set(expectedKeys);
  const counts = countByKey(received);
  for (const [key, c] of counts) {
    if (key === null) {
      problems.push(`${c.delivered + c.faulted + c.hung + c.rate_limited} request(s) without an idempotency key`);
      continue;
    }
    if (!expected.has(key) && c.delivered > 0) problems.push(`${key}: delivered but not an expected mail`);
    if (expected.has(key) && c.delivered !== 1) problems.push(`${key}: delivered ${c.delivered} times`);
    if (c.conflict > 0) problems.push(`${key}: sent again with another payload ${c.conflict} time(s)`);
    if (c.replayed > 0 && !mayReplay(key)) problems.push(`${key}: sent again after it was accepted (${c.replayed} replay(s))`);
  }
  for (const key of expected) if (!counts.has(key)) problems.push(`${key}: never sent`);
  return problems;
}
