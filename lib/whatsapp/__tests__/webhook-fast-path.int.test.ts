import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatsappInbox } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { connectWhatsapp } from '../connect';
import { MAX_WEBHOOK_BYTES } from '../receive-webhook';
import { signBody } from '../signature';
import { withWebhookFastPath } from '../webhook-fast-path';

// The webhook's fast path as `npm start` (server.mjs) serves it (issue #17): a node:http server whose listener is
// withWebhookFastPath(next), driven over real HTTP; `next` here is a stub that names itself.

process.env.WHATSAPP_SECRETS_KEY = 'c'.repeat(64);
process.env.WHATSAPP_GRAPH_URL = 'simulator';

let db: Awaited<ReturnType<typeof createTestDb>>;
let tenantId: string;
let server: Server;
let base: string;
const PHONE_ID = `pn-fast-${randomUUID().slice(0, 8)}`;
const SECRET = 'fast-path-app-secret';

beforeAll(async () => {
  db = await createTestDb();
  tenantId = (await seedTenantWithLink('wa-fast')).tenant.id;
  await withTenant(tenantId, (tx) =>
    connectWhatsapp(tx, tenantId, { phoneNumberId: PHONE_ID, businessAccountId: 'waba', displayNumber: '+4930999222', accessToken: 'access-token-y', appSecret: SECRET }, { simulated: true }),
  );
  server = createServer(withWebhookFastPath((req, res) => res.writeHead(299, { 'x-served-by': 'next' }).end(`next ${req.method} ${req.url}`)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await db.close();
});

const delivery = (id: string, body = 'Stopp, äöü / ß') =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'waba', changes: [{ field: 'messages', value: { metadata: { phone_number_id: PHONE_ID }, messages: [{ from: '491709990002', id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } }] } }] }],
  });
const post = (raw: string, signature: string | null, path = '/api/whatsapp/webhook') =>
  fetch(`${base}${path}`, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) } });
const stored = (messageId: string) =>
  withSystem((tx) => tx.select().from(whatsappInbox).where(and(eq(whatsappInbox.tenantId, tenantId), eq(whatsappInbox.messageId, messageId))));

describe('POST /api/whatsapp/webhook on the fast path (server.mjs)', () => {
  it('stores a signed delivery once and answers 200 text/plain; a redelivery and 10 concurrent ones store nothing more', async () => {
    const id = `wamid.${randomUUID()}`;
    const raw = delivery(id);
    const res = await post(raw, signBody(raw, SECRET));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-served-by')).toBeNull();
    const statuses = await Promise.all(Array.from({ length: 10 }, () => post(raw, signBody(raw, SECRET)).then((r) => r.status)));
    expect(statuses).toEqual(Array(10).fill(200));
    const rows = await stored(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toBe('Stopp, äöü / ß');
  });

  it('answers 401 and stores nothing for a wrong or missing signature', async () => {
    const id = `wamid.${randomUUID()}`;
    const raw = delivery(id);
    expect((await post(raw, signBody(raw, 'not-the-secret'))).status).toBe(401);
    expect((await post(raw, signBody(`${raw} `, SECRET))).status).toBe(401);
    expect((await post(raw, null)).status).toBe(401);
    expect(await stored(id)).toHaveLength(0);
  });

  it('answers 413 for a body over the limit, declared or streamed, and stores nothing', async () => {
    const id = `wamid.${randomUUID()}`;
    const raw = delivery(id, 'x'.repeat(MAX_WEBHOOK_BYTES));
    expect((await post(raw, signBody(raw, SECRET))).status).toBe(413);
    // Chunked, no content-length: the limit is counted while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/whatsapp/webhook`, { method: 'POST', headers: { 'x-hub-signature-256': signBody(raw, SECRET) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < raw.length; i += 64 * 1024) req.write(raw.slice(i, i + 64 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    expect(await stored(id)).toHaveLength(0);
  });

  it('leaves every other request to Next: GET (the handshake), other paths and methods', async () => {
    const get = await fetch(`${base}/api/whatsapp/webhook?hub.mode=subscribe`);
    expect(get.status).toBe(299);
    expect(await get.text()).toBe('next GET /api/whatsapp/webhook?hub.mode=subscribe');
    for (const path of ['/api/whatsapp/webhook/', '/api/whatsapp/webhooks', '/api/bench/noop']) expect((await post('{}', null, path)).status).toBe(299);
    expect((await fetch(`${base}/api/whatsapp/webhook`, { method: 'PUT', body: '{}' })).status).toBe(299);
    const id = `wamid.${randomUUID()}`;
    const raw = delivery(id);
    expect((await post(raw, signBody(raw, SECRET), '/api/whatsapp/webhook?from=meta')).status).toBe(200);
    expect(await stored(id)).toHaveLength(1);
  });
});
