import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, ledgerVerifications } from '@/db/schema';
import { verifyEventByHash } from '@/lib/evidence/verify-event';
import { withTenant } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { seedTenantWithLink, sealAll } from '@/lib/testing/fixtures';
import { decisionSchema } from '../schemas';
import { submitDecision } from '../submit-decision';
import { verifyChain, verifyChainIncremental } from '../verify-chain';

// The public verification starts after the cached verified prefix and recomputes only what is new, bounded per request.
let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '100000';
  db = await createTestDb();
  s = await seedTenantWithLink('incr-a');
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  await db.close();
});

async function addEvents(n: number) {
  for (let i = 0; i < n; i++) {
    const input = decisionSchema.parse({ decision: 'opt_out', idempotencyKey: randomUUID() });
    await submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: null, userAgent: 'vitest', baseUrl: 'http://localhost:3000' });
  }
  await sealAll(); // verification walks sealed events (issue #16)
}
const cache = async () => (await db.db.select().from(ledgerVerifications).where(eq(ledgerVerifications.tenantId, s.tenant.id)))[0] ?? null;
const eventAt = async (seq: number) => (await db.db.select().from(consentEvents).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.seq, seq))))[0]!;
const incremental = (max = 20_000) => withTenant(s.tenant.id, (tx) => verifyChainIncremental(tx, s.tenant.id, max));

/** Rewrites one row's content in place as the owner (its hash is left as it was). */
async function rewriteRow(seq: number, userAgent: string) {
  await db.db.transaction(async (tx) => {
    await tx.execute(sql`alter table consent_events disable trigger consent_events_append_only`);
    await tx.update(consentEvents).set({ userAgent }).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.seq, seq)));
    await tx.execute(sql`alter table consent_events enable trigger consent_events_append_only`);
  });
}

describe('public verification with a cached verified prefix', () => {
  it('verifies from the genesis once, then only the new events, and moves the cache forward', async () => {
    await addEvents(5);
    const first = await verifyEventByHash((await eventAt(3)).hash);
    expect(first!.chain).toMatchObject({ ok: true, events: 5, fromCache: 0, verifiedUpTo: 5, complete: true });
    expect(await cache()).toMatchObject({ seq: 5, lastHash: (await eventAt(5)).hash });

    await addEvents(3);
    // A row *below* the cached prefix is changed in place: the public check does not read it again (that is what
    // makes it cheap) — the next full verification does, and finds it.
    await rewriteRow(2, 'rewritten');
    const second = await verifyEventByHash((await eventAt(7)).hash);
    expect(second!.chain).toMatchObject({ ok: true, events: 8, fromCache: 5, verifiedUpTo: 8, complete: true });
    expect(await cache()).toMatchObject({ seq: 8, lastHash: (await eventAt(8)).hash });
    const full = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id));
    expect(full).toMatchObject({ ok: false, firstBreak: { seq: 2, reason: 'hash' } });
    expect(await cache()).toMatchObject({ seq: 8 }); // a failed verification writes nothing
    await rewriteRow(2, 'vitest');
  });

  it('bounds the work per request and says how far it got; the next request goes on', async () => {
    await addEvents(5); // 13 events, cache at 8
    const partial = await incremental(2);
    expect(partial).toMatchObject({ ok: true, complete: false, fromCache: 8, verifiedUpTo: 10 });
    expect(await cache()).toMatchObject({ seq: 10 });
    expect(await incremental(10)).toMatchObject({ ok: true, complete: true, fromCache: 10, verifiedUpTo: 13, events: 13 });
  });

  it('does not trust a cache entry the chain no longer has: rewritten or truncated, and leaves it as evidence', async () => {
    const good = await cache();
    await db.db.update(ledgerVerifications).set({ lastHash: 'f'.repeat(64) }).where(eq(ledgerVerifications.tenantId, s.tenant.id));
    expect(await incremental()).toMatchObject({ ok: false, firstBreak: { seq: 13, reason: 'rewritten', evidence: { source: 'ledger_verifications' } } });
    expect((await cache())!.lastHash).toBe('f'.repeat(64));
    await db.db.update(ledgerVerifications).set({ seq: 99 }).where(eq(ledgerVerifications.tenantId, s.tenant.id));
    expect(await incremental()).toMatchObject({ ok: false, firstBreak: { seq: 99, reason: 'truncated' } });
    await db.db.update(ledgerVerifications).set({ seq: good!.seq, lastHash: good!.lastHash }).where(eq(ledgerVerifications.tenantId, s.tenant.id));
    expect((await incremental()).ok).toBe(true);
  });

  it('a full verification that passes refreshes the cache to the end of the chain', async () => {
    await addEvents(2);
    expect(await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id))).toMatchObject({ ok: true, events: 15, fromCache: 0 });
    expect(await cache()).toMatchObject({ seq: 15, lastHash: (await eventAt(15)).hash });
  });
});
