import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailComposers } from '@/components/pdf/mail-composers';
import { consentEvents, mailOutbox } from '@/db/schema';
import { submitDecision } from '@/lib/consent/submit-decision';
import { decisionSchema } from '@/lib/consent/schemas';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { startResendStub } from '@/lib/testing/resend-stub';
import { createTestDb } from '@/lib/testing/test-db';
import { registerComposer } from '../compose';
import { claimDueMail, deliverClaimed, processDueMail } from '../worker';

let db: Awaited<ReturnType<typeof createTestDb>>;
let stub: Awaited<ReturnType<typeof startResendStub>>;

beforeAll(async () => {
  db = await createTestDb();
  stub = await startResendStub();
  process.env.RESEND_API_KEY = 're_test_stub';
  process.env.RESEND_BASE_URL = stub.url;
  for (const [kind, composer] of Object.entries(mailComposers)) registerComposer(kind, composer);
});
afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
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
    expect(stub.delivered.size).toBe(0);

    stub.state.failNext = 0; // Resend recovers
    while ((await processDueMail(db.db)) > 0) await dueNow();
    const sent = await db.db.select().from(mailOutbox).where(eq(mailOutbox.tenantId, s.tenant.id));
    expect(sent.every((m) => m.status === 'sent' && m.providerMessageId?.startsWith('stub-'))).toBe(true);
    const ours = [...stub.delivered.values()].filter((d) => sent.some((m) => `outbox-${m.id}` === d.idempotencyKey));
    expect(ours).toHaveLength(6);
    expect(ours.filter((d) => d.to[0] === 'nachweise@fault-a.example')).toHaveLength(3);
    for (const d of ours) {
      expect(d.attachments).toHaveLength(1);
      expect(Buffer.from(d.attachments[0]!.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 120_000);

  it('loses nothing and sends nothing twice when the worker dies mid-send', async () => {
    const s = await seedTenantWithLink('fault-b');
    await submitDecision({
      slug: s.tenant.slug,
      token: s.token,
      input: decisionSchema.parse({ decision: 'opt_out', idempotencyKey: randomUUID() }),
      ip: null,
      userAgent: null,
      baseUrl: 'http://localhost',
    });
    const before = stub.delivered.size;
    // Worker 1 claims the mail and sends it, but "dies" before recording the outcome.
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
    expect(await deliverClaimed(db.db, again!)).toBe(true);
    expect(stub.delivered.size).toBe(before + 1);
    const [row] = await db.db.select().from(mailOutbox).where(eq(mailOutbox.id, claimed!.id));
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  }, 60_000);
});
