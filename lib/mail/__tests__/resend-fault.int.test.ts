import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, mailOutbox } from '@/db/schema';
import { submitDecision } from '@/lib/consent/submit-decision';
import { decisionSchema } from '@/lib/consent/schemas';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink, sealAll } from '@/lib/testing/fixtures';
import { countByKey, deliveryProblems, startResendStub } from '@/lib/testing/resend-stub';
import { createTestDb } from '@/lib/testing/test-db';
import { claimDueMail, deliverClaimed, processDueMail } from '../worker';

let db: Awaited<ReturnType<typeof createTestDb>>;
let stub: Awaited<ReturnType<typeof startResendStub>>;

beforeAll(async () => {
  db = await createTestDb();
  stub = await startResendStub();
  process.env.RESEND_API_KEY = 're_test_stub';
  process.env.RESEND_BASE_URL = stub.url;
  process.env.RESEND_RATE_LIMIT = '1000'; // the stub has no limit; the shared bucket is tested in lanes.int.test.ts
});
afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  delete process.env.RESEND_RATE_LIMIT;
  await stub.close();
  await db.close();
});

/** Makes every pending mail due now (instead of waiting out the backoff). */
const dueNow = () => db.db.update(mailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(mailOutbox.status, 'pending'));

describe('mail through Resend (local stub) with faults', () => {
  it('records consents at once during an outage, retries, and delivers every mail exactly once with its PDF', async () => {
    const s = await seedTenantWithLink('fault-a');
    stub.state.failNext = 1_000; // Resend is down
    for (let i = 0; i < 3; i++) {
      const input = decisionSchema.parse({ decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: `Kundin ${i}`, phone: `+49170555000${i}`, email: `k${i}@example.com`, idempotencyKey: randomUUID() });
      await submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: null, userAgent: null, baseUrl: 'http://localhost' });
    }
    await sealAll(); // receipts go out once their events are sealed (issue #16)
    // The decisions are in the ledger although no mail could be sent.
    expect(await withTenant(s.tenant.id, (tx) => tx.select().from(consentEvents))).toHaveLength(3);
    const mails = await withSystem((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.tenantId, s.tenant.id)));
    expect(mails.map((m) => m.kind).sort()).toEqual([...Array(3).fill('contact_receipt'), ...Array(3).fill('evidence_receipt')]);

    for (let pass = 0; pass < 3; pass++) {
      await processDueMail(db.db);
      await dueNow();
    }
    const failing = await db.db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, s.tenant.id));
    expect(failing.every((m) => m.status === 'pending' && m.attempts === 3 && /stub outage/.test(m.lastError ?? ''))).toBe(true);
    const keys = mails.map((m) => `outbox-${m.id}`);
    const ours = () => stub.received.filter((r) => keys.includes(r.idempotencyKey ?? ''));
    // What the stub received during the outage: three attempts per mail, each refused, nothing delivered.
    expect(ours().map((r) => r.outcome)).toEqual(Array(18).fill('faulted'));
    for (const key of keys) expect(countByKey(ours()).get(key)).toMatchObject({ faulted: 3, delivered: 0 });

    stub.state.failNext = 0; // Resend recovers
    while ((await processDueMail(db.db)) > 0) await dueNow();
    const sent = await db.db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, s.tenant.id));
    expect(sent.every((m) => m.status === 'sent' && m.providerMessageId?.startsWith('stub-'))).toBe(true);
    // Every request the stub received for these mails: each key delivered exactly once, never sent again after it
    // was accepted, never without a key; 6 distinct mails for 6 queued ones.
    expect(deliveryProblems(ours(), keys)).toEqual([]);
    const accepted = ours().filter((r) => r.outcome === 'delivered');
    expect(accepted).toHaveLength(6);
    expect(new Set(accepted.map((r) => r.idempotencyKey)).size).toBe(6);
    expect(sent.map((m) => m.providerMessageId).sort()).toEqual(accepted.map((r) => r.id).sort());
    expect(accepted.filter((r) => r.to[0] === 'nachweise@fault-a.example')).toHaveLength(3);
    const delivered = [...stub.delivered.values()].filter((d) => keys.includes(d.idempotencyKey ?? ''));
    expect(delivered).toHaveLength(6);
    // Each receipt carries its PDF (first attachment; the receipt JSON may follow).
    for (const d of delivered) expect(Buffer.from(d.attachments[0]!.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  /**
   * Worker 1 claims the tenant's one due mail and sends it, but "dies" before recording the outcome; after its lease
   * worker 2 claims it and sends again. Checks what the stub received: one key, delivered once, then the same
   * payload again, answered as a replay of it (the same message id); nothing else was sent.
   */
  async function crashMidSend() {
    const before = stub.received.length;
    const [claimed] = await claimDueMail(db.db);
    expect(claimed).toBeDefined();
    const { deliver } = await import('../transport');
    const { composeMail } = await import('../compose');
    await deliver(await composeMail(claimed!));
    // While its lease runs, nobody else takes the mail.
    expect(await claimDueMail(db.db)).toHaveLength(0);
    // The lease runs out; worker 2 claims and sends again: Resend's idempotency key makes it the same message.
    await db.db.update(mailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(mailOutbox.id, claimed!.id));
    const [again] = await claimDueMail(db.db);
    expect(again!.id).toBe(claimed!.id);
    const key = `outbox-${claimed!.id}`;
    const mine = () => stub.received.slice(before);
    expect(await deliverClaimed(db.db, again!), `stub outcomes: ${mine().map((r) => r.outcome).join(', ')}`).toBe(true);
    expect(mine().map((r) => [r.idempotencyKey, r.outcome])).toEqual([[key, 'delivered'], [key, 'replayed']]);
    expect(deliveryProblems(mine(), [key], (k) => k === key)).toEqual([]);
    const [row] = await db.db.select().from(mailOutbox).where(eq(mailOutbox.id, claimed!.id));
    expect(row).toMatchObject({ status: 'sent', attempts: 2, providerMessageId: mine()[0]!.id });
  }

  it('loses nothing and sends nothing twice when the worker dies mid-send (mail stored with its content)', async () => {
    const s = await seedTenantWithLink('fault-b');
    await withSystem((tx) =>
      tx.insert(mailOutbox).values({ tenantId: s.tenant.id, kind: 'member_invitation', to: 'neu@fault-b.example', subject: 'Einladung', html: '<p>Hallo</p>', text: 'Hallo' }),
    );
    await crashMidSend();
  }, 60_000);

  // A deferred receipt is composed again on every attempt: it must come out the same (dated when queued, events up to
  // its own), or the re-send after a crash carries the same idempotency key with another payload, which Resend refuses
  // with 409 invalid_idempotent_request, and the row is retried until dead although the mail was delivered.
  it('loses nothing and sends nothing twice when the worker dies mid-send (receipt composed at send time)', async () => {
    const s = await seedTenantWithLink('fault-c');
    await submitDecision({
      slug: s.tenant.slug,
      token: s.token,
      input: decisionSchema.parse({ decision: 'opt_out', idempotencyKey: randomUUID() }),
      ip: null,
      userAgent: null,
      baseUrl: 'http://localhost',
    });
    await sealAll();
    await crashMidSend();
  }, 60_000);
});
