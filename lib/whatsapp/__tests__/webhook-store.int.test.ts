import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/whatsapp/webhook/route';
import { whatsappConnections, whatsappInbox } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { connectWhatsapp } from '../connect';
import { encryptSecret } from '../secrets';
import { signBody } from '../signature';
import { processDueInbox } from '../worker';

// The webhook's cached routing (webhook-routes.ts + whatsapp_store_inbox) and the worker's tenant batches (issue #17).
// Changes "on another instance" are made in SQL here, past this process's cache invalidation.

process.env.WHATSAPP_SECRETS_KEY = 'b'.repeat(64);
process.env.WHATSAPP_GRAPH_URL = 'simulator';

// A message whose text is BOOM fails inside the tenant transaction with a database error (the transaction is aborted).
vi.mock('../process-item', async (importOriginal) => {
  const m = await importOriginal<typeof import('../process-item')>();
  return {
    ...m,
    processItem: async (...args: Parameters<typeof m.processItem>) => {
      if (args[1].body === 'BOOM') await args[0].execute(sql`select 1 / 0`);
      return m.processItem(...args);
    },
  };
});

let db: Awaited<ReturnType<typeof createTestDb>>;
let a: Awaited<ReturnType<typeof seedTenantWithLink>>;
let b: Awaited<ReturnType<typeof seedTenantWithLink>>;
const PHONE_ID = `pn-${randomUUID().slice(0, 8)}`;
const SECRET = 'first-app-secret';

const connect = (tenantId: string, appSecret: string) =>
  withTenant(tenantId, (tx) =>
    connectWhatsapp(tx, tenantId, { phoneNumberId: PHONE_ID, businessAccountId: 'waba', displayNumber: '+4930999111', accessToken: 'access-token-x', appSecret }, { simulated: true }),
  );

beforeAll(async () => {
  db = await createTestDb();
  a = await seedTenantWithLink('wa-store-a');
  b = await seedTenantWithLink('wa-store-b');
  await connect(a.tenant.id, SECRET);
});
afterAll(async () => db.close());

const delivery = (body: string, id = `wamid.${randomUUID()}`) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'waba', changes: [{ field: 'messages', value: { metadata: { phone_number_id: PHONE_ID }, messages: [{ from: '491709990001', id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } }] } }] }],
  });
const post = (raw: string, secret: string) =>
  POST(new Request('http://localhost/api/whatsapp/webhook', { method: 'POST', body: raw, headers: { 'x-hub-signature-256': signBody(raw, secret) } }));
const rowsOf = (tenantId: string, messageId: string) =>
  withSystem((tx) => tx.select().from(whatsappInbox).where(and(eq(whatsappInbox.tenantId, tenantId), eq(whatsappInbox.messageId, messageId))));
/** What another instance does on reconnect: new secret, new version (this process's cache is not told). */
const reconnectElsewhere = (tenantId: string, appSecret: string) =>
  withSystem((tx) => tx.update(whatsappConnections).set({ appSecretEnc: encryptSecret(appSecret, tenantId), updatedAt: sql`now()` }).where(eq(whatsappConnections.phoneNumberId, PHONE_ID)));

/** A connection made by another instance (this process's cache is not told). */
const insertElsewhere = (tenantId: string, appSecret: string) =>
  withSystem((tx) =>
    tx.insert(whatsappConnections).values({
      tenantId,
      phoneNumberId: PHONE_ID,
      businessAccountId: 'waba',
      displayNumber: '+4930999111',
      accessTokenEnc: encryptSecret('access-token-x', tenantId),
      appSecretEnc: encryptSecret(appSecret, tenantId),
      verifyTokenEnc: encryptSecret('v', tenantId),
      verifyTokenHash: randomUUID(),
    }),
  );

describe('webhook routing cache', () => {
  it('a secret rotated on another instance: the old one is refused at once, the new one accepted at once', async () => {
    expect((await post(delivery('hallo'), SECRET)).status).toBe(200); // cached now, with SECRET
    // The cached secret still signs this, but the connection's version moved: looked up again, refused.
    await reconnectElsewhere(a.tenant.id, 'interim-app-secret');
    const old = `wamid.${randomUUID()}`;
    expect((await post(delivery('hallo', old), SECRET)).status).toBe(401);
    expect(await rowsOf(a.tenant.id, old)).toHaveLength(0);
    // The cached secret fails this signature: looked up again, the new secret verifies it.
    await reconnectElsewhere(a.tenant.id, 'second-app-secret');
    const id = `wamid.${randomUUID()}`;
    expect((await post(delivery('hallo', id), 'second-app-secret')).status).toBe(200);
    expect(await rowsOf(a.tenant.id, id)).toHaveLength(1);
  });

  it('a number moved to another tenant elsewhere is stored for the new tenant, never the cached one', async () => {
    expect((await post(delivery('hallo'), 'second-app-secret')).status).toBe(200); // a's route cached
    await withSystem((tx) => tx.delete(whatsappConnections).where(eq(whatsappConnections.phoneNumberId, PHONE_ID)));
    await insertElsewhere(b.tenant.id, 'second-app-secret');
    const id = `wamid.${randomUUID()}`;
    expect((await post(delivery('hallo', id), 'second-app-secret')).status).toBe(200);
    expect(await rowsOf(a.tenant.id, id)).toHaveLength(0);
    expect(await rowsOf(b.tenant.id, id)).toHaveLength(1);
    await withSystem((tx) => tx.delete(whatsappConnections).where(eq(whatsappConnections.phoneNumberId, PHONE_ID)));
    await insertElsewhere(a.tenant.id, 'second-app-secret');
  });

  it('a number disconnected elsewhere stores nothing (200, like any unknown number)', async () => {
    expect((await post(delivery('hallo'), 'second-app-secret')).status).toBe(200); // cached
    await withSystem((tx) => tx.delete(whatsappConnections).where(eq(whatsappConnections.phoneNumberId, PHONE_ID)));
    const id = `wamid.${randomUUID()}`;
    expect((await post(delivery('hallo', id), 'second-app-secret')).status).toBe(200);
    expect(await rowsOf(a.tenant.id, id)).toHaveLength(0);
    await connect(a.tenant.id, SECRET);
  });
});

describe('inbox worker: one transaction per tenant batch', () => {
  it('a failing item is retried alone; the others of its batch are processed once, and the last-webhook time moves', async () => {
    await withSystem((tx) => tx.update(whatsappInbox).set({ status: 'sent' }).where(eq(whatsappInbox.status, 'pending')));
    await withSystem((tx) => tx.update(whatsappConnections).set({ lastWebhookAt: null }).where(eq(whatsappConnections.tenantId, a.tenant.id)));
    const ids = [`wamid.${randomUUID()}`, `wamid.${randomUUID()}`, `wamid.${randomUUID()}`];
    for (const [i, text] of ['erste Frage', 'BOOM', 'zweite Frage'].entries()) expect((await post(delivery(text, ids[i]), SECRET)).status).toBe(200);
    expect(await processDueInbox(undefined, 50)).toBe(3);
    const [ok1, boom, ok2] = await Promise.all(ids.map(async (id) => (await rowsOf(a.tenant.id, id))[0]!));
    expect([ok1!.status, ok1!.outcome, ok2!.status, ok2!.outcome]).toEqual(['sent', 'ignored', 'sent', 'ignored']);
    expect(ok1!.attempts).toBe(1);
    expect(boom!.status).toBe('pending');
    expect(boom!.lastError).toMatch(/division by zero/);
    expect(boom!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    const [c] = await withSystem((tx) => tx.select({ at: whatsappConnections.lastWebhookAt }).from(whatsappConnections).where(eq(whatsappConnections.tenantId, a.tenant.id)));
    // Moved to the newest processed delivery, to the second (a later one within a second locks no connection row).
    const newest = Math.max(ok1!.receivedAt.getTime(), ok2!.receivedAt.getTime());
    expect(c!.at).not.toBeNull();
    expect(c!.at!.getTime()).toBeGreaterThan(newest - 1000);
    expect(c!.at!.getTime()).toBeLessThanOrEqual(newest);
    expect(await processDueInbox(undefined, 50)).toBe(0); // the failed one waits for its backoff
  });
});
