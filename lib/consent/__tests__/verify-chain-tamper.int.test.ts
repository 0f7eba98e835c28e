import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, inviteLinks, ledgerHeads, mailOutbox } from '@/db/schema';
import { withTenant } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { CANON_VERSION, eventHash } from '../event-hash';
import { decisionSchema } from '../schemas';
import { submitDecision } from '../submit-decision';
import { verifyChain } from '../verify-chain';

// Tampering as the database owner (the raw handle, append-only trigger switched off): each case must fail
// verification with the reason that names what was done, never pass.
let db: Awaited<ReturnType<typeof createTestDb>>;
type Seeded = Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '100000';
  db = await createTestDb();
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  await db.close();
});

/** A tenant with `n` decisions through the public use case (each with its receipt mail and link use). */
async function tenantWithEvents(slug: string, n = 4): Promise<Seeded> {
  const s = await seedTenantWithLink(slug);
  for (let i = 0; i < n; i++) {
    const input = decisionSchema.parse(
      i % 2
        ? { decision: 'opt_out', idempotencyKey: randomUUID() }
        : { decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: `K ${i}`, phone: `+4917055500${i}${i}`, idempotencyKey: randomUUID() },
    );
    await submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: '203.0.113.0', userAgent: 'vitest', baseUrl: 'http://localhost:3000' });
  }
  return s;
}

const verify = (s: Seeded, remember = false) => withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id, { remember }));

/** Runs raw statements as the owner with the append-only trigger off, as an attacker with database access could. */
async function asOwner(fn: (tx: Parameters<Parameters<typeof db.db.transaction>[0]>[0]) => Promise<unknown>) {
  await db.db.transaction(async (tx) => {
    await tx.execute(sql`alter table consent_events disable trigger consent_events_append_only`);
    await fn(tx);
    await tx.execute(sql`alter table consent_events enable trigger consent_events_append_only`);
  });
}

async function lastTwo(s: Seeded) {
  const rows = await db.db.select().from(consentEvents).where(eq(consentEvents.tenantId, s.tenant.id)).orderBy(desc(consentEvents.seq)).limit(2);
  return { last: rows[0]!, before: rows[1]! };
}

/** Deletes the last event and sets the head back onto its predecessor: the chain itself is consistent again. */
async function truncateLast(s: Seeded, also: (tx: Parameters<Parameters<typeof asOwner>[0]>[0], last: typeof consentEvents.$inferSelect) => Promise<unknown> = async () => {}) {
  const { last, before } = await lastTwo(s);
  await asOwner(async (tx) => {
    await tx.delete(consentEvents).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.id, last.id)));
    await tx.update(ledgerHeads).set({ seq: before.seq, lastHash: before.hash }).where(eq(ledgerHeads.tenantId, s.tenant.id));
    await also(tx, last);
  });
  return last;
}

describe('verifyChain sees tampering the chain walk alone does not', () => {
  it('passes an untouched ledger', async () => {
    const s = await tenantWithEvents('tamper-none');
    expect(await verify(s)).toMatchObject({ ok: true, events: 4, breaks: [], complete: true });
  });

  it('last event deleted and head rewound: truncated, the receipt mail names the missing event', async () => {
    const s = await tenantWithEvents('tamper-trunc');
    const last = await truncateLast(s);
    const v = await verify(s);
    expect(v.ok).toBe(false);
    expect(v.firstBreak).toMatchObject({ reason: 'truncated', seq: 4, eventId: last.id, evidence: { source: 'mail_outbox' } });
    // The link's use count says so too.
    expect(v.breaks).toContainEqual(expect.objectContaining({ reason: 'truncated', evidence: expect.objectContaining({ source: 'invite_links', expected: 4, found: 3 }) }));
  });

  it('last event deleted with its mails, head rewound: still truncated, by the link use count', async () => {
    const s = await tenantWithEvents('tamper-trunc2');
    await truncateLast(s, (tx, last) => tx.delete(mailOutbox).where(eq(mailOutbox.relatedId, last.id)));
    expect((await verify(s)).firstBreak).toMatchObject({ reason: 'truncated', evidence: { source: 'invite_links', id: s.linkId, expected: 4, found: 3 } });
  });

  it('head row deleted: head_missing', async () => {
    const s = await tenantWithEvents('tamper-nohead');
    await asOwner((tx) => tx.delete(ledgerHeads).where(eq(ledgerHeads.tenantId, s.tenant.id)));
    expect(await verify(s)).toMatchObject({ ok: false, firstBreak: { reason: 'head_missing', seq: 4 } });
  });

  it('every event and the head deleted: head_missing, because contacts and mails show there were events', async () => {
    const s = await tenantWithEvents('tamper-empty');
    await asOwner(async (tx) => {
      await tx.delete(consentEvents).where(eq(consentEvents.tenantId, s.tenant.id));
      await tx.delete(ledgerHeads).where(eq(ledgerHeads.tenantId, s.tenant.id));
    });
    const v = await verify(s);
    expect(v).toMatchObject({ ok: false, events: 0, firstBreak: { reason: 'head_missing', seq: 1 } });
    expect(v.breaks.map((b) => b.reason)).toContain('truncated');
  });

  it('a tenant without events and without head passes', async () => {
    const s = await seedTenantWithLink('tamper-fresh');
    expect(await verify(s)).toMatchObject({ ok: true, events: 0 });
  });

  it('head set back by one: rewound', async () => {
    const s = await tenantWithEvents('tamper-rewound');
    const { before } = await lastTwo(s);
    await asOwner((tx) => tx.update(ledgerHeads).set({ seq: before.seq, lastHash: before.hash }).where(eq(ledgerHeads.tenantId, s.tenant.id)));
    expect((await verify(s)).firstBreak).toMatchObject({ reason: 'rewound', seq: 4, evidence: { source: 'ledger_heads', expected: 3, found: 4 } });
  });

  it('forged event appended with a recomputed hash and the head moved: link_uses (no use counted for it)', async () => {
    const s = await tenantWithEvents('tamper-forge');
    const { last } = await lastTwo(s);
    const forged = { ...last, id: randomUUID(), seq: last.seq + 1, canonVersion: CANON_VERSION, type: 'opt_in' as const, idempotencyKey: randomUUID(), occurredAt: new Date(), prevHash: last.hash };
    const hash = eventHash(forged);
    await asOwner(async (tx) => {
      await tx.insert(consentEvents).values({ ...forged, hash });
      await tx.update(ledgerHeads).set({ seq: forged.seq, lastHash: hash }).where(eq(ledgerHeads.tenantId, s.tenant.id));
    });
    const v = await verify(s);
    expect(v.firstBreak).toMatchObject({ reason: 'link_uses', evidence: { source: 'invite_links', id: s.linkId, expected: 4, found: 5 } });
  });

  it('the cached verified prefix outlives the evidence: truncated (ledger_verifications) when mails and link use were removed too', async () => {
    const s = await tenantWithEvents('tamper-cache');
    expect((await verify(s, true)).ok).toBe(true); // a passed full verification caches (4, hash of #4)
    await truncateLast(s, async (tx, last) => {
      await tx.delete(mailOutbox).where(eq(mailOutbox.relatedId, last.id));
      await tx.update(inviteLinks).set({ uses: 3 }).where(eq(inviteLinks.id, s.linkId));
    });
    const v = await verify(s, true);
    expect(v).toMatchObject({ ok: false, events: 3, firstBreak: { reason: 'truncated', seq: 4, evidence: { source: 'ledger_verifications', found: 'none' } } });
    expect(v.breaks).toHaveLength(1);
  });

  it('last event replaced by another one with a recomputed hash after a verification: rewritten', async () => {
    const s = await tenantWithEvents('tamper-rewrite');
    expect((await verify(s, true)).ok).toBe(true);
    const { last } = await lastTwo(s);
    const other = { ...last, id: randomUUID(), canonVersion: CANON_VERSION, userAgent: 'forged', idempotencyKey: randomUUID() };
    const hash = eventHash(other);
    await asOwner(async (tx) => {
      await tx.delete(consentEvents).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.id, last.id)));
      await tx.insert(consentEvents).values({ ...other, hash });
      await tx.update(ledgerHeads).set({ lastHash: hash }).where(eq(ledgerHeads.tenantId, s.tenant.id));
      await tx.update(mailOutbox).set({ relatedId: other.id }).where(eq(mailOutbox.relatedId, last.id));
    });
    const v = await verify(s);
    expect(v).toMatchObject({ ok: false, firstBreak: { reason: 'rewritten', seq: 4, eventId: other.id, evidence: { source: 'ledger_verifications', found: hash } } });
    expect(v.breaks).toHaveLength(1);
  });
});
