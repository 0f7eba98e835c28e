import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, contacts, inviteLinks, mailOutbox } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { resolveInviteLink } from '@/lib/links/resolve-link';
import { createTestDb } from '@/lib/testing/test-db';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { recordDecision, type DecisionContext } from '../record-decision';
import { decisionSchema } from '../schemas';
import { submitDecision } from '../submit-decision';
import { verifyChain } from '../verify-chain';
import { confirmConsent, withdrawConsent } from '../withdraw';

let db: Awaited<ReturnType<typeof createTestDb>>;
let t: Awaited<ReturnType<typeof seedTenantWithLink>>;
const onPostgres = !!process.env.DATABASE_URL;

beforeAll(async () => {
  db = await createTestDb();
  t = await seedTenantWithLink('ledger-a');
});
afterAll(() => db.close());

function ctxFor(s: typeof t, doubleOptIn = false): DecisionContext {
  return {
    tenant: { id: s.tenant.id, slug: s.tenant.slug, name: s.tenant.name, doubleOptIn },
    link: s.link,
    noticeVersion: { id: s.version.id, textHash: s.version.textHash! },
    ip: '203.0.113.0',
    userAgent: 'vitest',
    language: 'de',
    baseUrl: 'http://localhost:3000',
  };
}

const optIn = (phone: string, key = randomUUID()) =>
  decisionSchema.parse({ decision: 'opt_in', noticeVersionId: t.version.id, confirmed: '1', name: 'Erika Muster', phone, idempotencyKey: key });

const events = (tenantId: string) => withTenant(tenantId, (tx) => tx.select().from(consentEvents).orderBy(consentEvents.seq));

describe('consent ledger', () => {
  it('records an opt-in and a refusal, chained, with the contact state derived', async () => {
    const input = optIn('0171 2345678');
    expect(input.decision === 'opt_in' && input.phone).toBe('+491712345678');
    const a = await withTenant(t.tenant.id, (tx) => recordDecision(tx, ctxFor(t), { ...input, phoneE164: input.phone }));
    const b = await withTenant(t.tenant.id, (tx) => recordDecision(tx, ctxFor(t), { decision: 'opt_out', idempotencyKey: randomUUID() }));
    expect(a.status).toBe('opted_in');
    expect(b.status).toBe('opted_out');
    // Recorded at once (no place in the log yet), sealed by the sequencer in arrival order (issue #16).
    expect((await events(t.tenant.id)).map((r) => [r.seq, r.type, r.canonVersion])).toEqual([
      [null, 'opt_in', 3],
      [null, 'opt_out', 3],
    ]);
    await sealAll();
    const rows = await events(t.tenant.id);
    expect(rows.map((r) => [r.seq, r.type])).toEqual([
      [1, 'opt_in'],
      [2, 'opt_out'],
    ]);
    expect(rows.map((r) => r.prevHash)).toEqual([null, null]); // the Merkle tree orders v3 events, not a chain
    expect(rows[0]!.noticeHash).toBe(t.version.textHash);
    expect(rows[0]!.piiHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1]!.piiHash).toBeNull(); // anonymous refusal
    // No personal data in the chained row itself.
    expect(JSON.stringify(rows[0])).not.toContain('1712345678');
    expect(JSON.stringify(rows[0])).not.toContain('Erika');
    expect((await withTenant(t.tenant.id, (tx) => verifyChain(tx, t.tenant.id))).ok).toBe(true);
  });

  it('is idempotent: the same key twice gives one event', async () => {
    const key = randomUUID();
    const input = optIn('+49 170 1111111', key);
    const first = await withTenant(t.tenant.id, (tx) => recordDecision(tx, ctxFor(t), { ...input, phoneE164: '+491701111111' }));
    const again = await withTenant(t.tenant.id, (tx) => recordDecision(tx, ctxFor(t), { ...input, phoneE164: '+491701111111' }));
    expect(again).toMatchObject({ eventId: first.eventId, replayed: true });
    expect((await events(t.tenant.id)).filter((e) => e.idempotencyKey === key)).toHaveLength(1);
  });

  it('records one event when the same key is submitted concurrently (the loser replays the winner)', async () => {
    const s = await seedTenantWithLink('ledger-race');
    const input = decisionSchema.parse({ decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: 'Zwilling', phone: '+491704444444', idempotencyKey: randomUUID() });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: null, userAgent: null, baseUrl: 'http://localhost' })),
    );
    expect(new Set(results.map((r) => r.eventId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await events(s.tenant.id)).toHaveLength(1);
    await sealAll(); // an unlimited link's use is counted when its event is sealed
    const [link] = await withSystem((tx) => tx.select().from(inviteLinks).where(eq(inviteLinks.id, s.linkId)));
    expect(link!.uses).toBe(1);
  });

  it('withdraws through the personal flow; a new opt-in with the same number is a contact of its own; the chain still verifies', async () => {
    const r = await withTenant(t.tenant.id, (tx) => recordDecision(tx, ctxFor(t), { ...optIn('+491702222222'), phoneE164: '+491702222222' }));
    const change = { tenantId: t.tenant.id, contactId: r.contactId, language: 'de' as const, ip: null, userAgent: null };
    const w = await withTenant(t.tenant.id, (tx) => withdrawConsent(tx, { ...change, idempotencyKey: randomUUID() }));
    expect(w.status).toBe('withdrawn');
    await expect(withTenant(t.tenant.id, (tx) => withdrawConsent(tx, { ...change, idempotencyKey: randomUUID() }))).rejects.toMatchObject({ status: 409 });
    const again = await withTenant(t.tenant.id, (tx) => recordDecision(tx, ctxFor(t), { ...optIn('+491702222222'), phoneE164: '+491702222222' }));
    // A web form proves no control of the number: the new submission neither reopens nor reads the earlier contact.
    expect(again.contactId).not.toBe(r.contactId);
    expect(again.status).toBe('opted_in');
    const [c] = await withTenant(t.tenant.id, (tx) => tx.select().from(contacts).where(eq(contacts.id, r.contactId)));
    expect(c!.status).toBe('withdrawn');
    expect((await withTenant(t.tenant.id, (tx) => verifyChain(tx, t.tenant.id))).ok).toBe(true);
  });

  it('double opt-in: pending until the mailed link is confirmed', async () => {
    const s = await seedTenantWithLink('ledger-doi', { doubleOptIn: true });
    const input = decisionSchema.parse({ decision: 'opt_in', noticeVersionId: s.version.id, confirmed: 'on', name: 'Max', phone: '+491703333333', email: 'Max@Example.com', idempotencyKey: randomUUID() });
    const ctx = { ...ctxFor(s, true) };
    const r = await withTenant(s.tenant.id, (tx) => recordDecision(tx, ctx, { ...input, phoneE164: '+491703333333' }));
    expect(r.status).toBe('pending');
    const mails = await withSystem((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.kind, 'double_opt_in')));
    expect(mails.map((m) => m.to)).toEqual(['max@example.com']);
    expect(mails[0]!.text).toMatch(/\/c\/ledger-doi\/confirm\/[A-Za-z0-9_-]{43}/);
    const c = await withTenant(s.tenant.id, (tx) => confirmConsent(tx, { tenantId: s.tenant.id, contactId: r.contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: null }));
    expect(c.status).toBe('opted_in');
    expect((await events(s.tenant.id)).map((e) => e.type)).toEqual(['opt_in', 'confirmed']);
  });

  it('refuses revoked, expired and used-up links, and unknown or mismatched tokens, writing nothing', async () => {
    const s = await seedTenantWithLink('ledger-links', { maxUses: 1 });
    const other = await seedTenantWithLink('ledger-other');
    const ctx = ctxFor(s);
    await withTenant(s.tenant.id, (tx) => recordDecision(tx, ctx, { decision: 'opt_out', idempotencyKey: randomUUID() }));
    await expect(withTenant(s.tenant.id, (tx) => recordDecision(tx, ctx, { decision: 'opt_out', idempotencyKey: randomUUID() }))).rejects.toMatchObject({ code: 'linkUnavailable', status: 410 });
    await withSystem((tx) => tx.update(inviteLinks).set({ revokedAt: new Date() }).where(eq(inviteLinks.id, other.linkId)));
    await expect(withTenant(other.tenant.id, (tx) => recordDecision(tx, ctxFor(other), { decision: 'opt_out', idempotencyKey: randomUUID() }))).rejects.toMatchObject({ status: 410 });
    expect(await events(s.tenant.id)).toHaveLength(1);
    expect(await events(other.tenant.id)).toHaveLength(0);

    expect((await withSystem((tx) => resolveInviteLink(tx, 'ledger-other', other.token))).status).toBe('revoked');
    await expect(withSystem((tx) => resolveInviteLink(tx, 'ledger-links', other.token))).rejects.toMatchObject({ status: 404 }); // wrong tenant slug
    await expect(withSystem((tx) => resolveInviteLink(tx, 'ledger-other', 'x'.repeat(43)))).rejects.toMatchObject({ status: 404 });
    await expect(withSystem((tx) => resolveInviteLink(tx, 'ledger-other', "' or 1=1 --"))).rejects.toMatchObject({ status: 404 });
    await withSystem((tx) => tx.update(inviteLinks).set({ revokedAt: null, expiresAt: new Date(Date.now() - 1000) }).where(eq(inviteLinks.id, other.linkId)));
    expect((await withSystem((tx) => resolveInviteLink(tx, 'ledger-other', other.token))).status).toBe('expired');
  });

  it('lets exactly one of 8 simultaneous submissions use a single-use link; the others write nothing', async () => {
    const s = await seedTenantWithLink('ledger-single', { maxUses: 1 });
    const ctx = { ...ctxFor(s), tenant: { ...ctxFor(s).tenant, evidenceEmail: 'nachweise@ledger-single.example' } };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        withTenant(s.tenant.id, (tx) => recordDecision(tx, ctx, { decision: 'opt_in', name: `K ${i}`, phoneE164: `+4917044400${i}0`, idempotencyKey: randomUUID() })),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) expect(r.reason).toMatchObject({ code: 'linkUnavailable', status: 410 });
    expect(await events(s.tenant.id)).toHaveLength(1);
    // The refused ones rolled back their contact rows and evidence mails with them.
    expect(await withTenant(s.tenant.id, (tx) => tx.select().from(contacts))).toHaveLength(1);
    expect(await withSystem((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.tenantId, s.tenant.id)))).toHaveLength(1);
    const [link] = await withSystem((tx) => tx.select().from(inviteLinks).where(eq(inviteLinks.id, s.linkId)));
    expect(link!.uses).toBe(1);
    expect((await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id))).ok).toBe(true);
  });

  it("counts an unlimited link's uses when its events are sealed, once each, and refuses it once revoked", async () => {
    const s = await seedTenantWithLink('ledger-unlimited');
    const useCount = async () => (await withSystem((tx) => tx.select({ uses: inviteLinks.uses }).from(inviteLinks).where(eq(inviteLinks.id, s.linkId))))[0]!.uses;
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        withTenant(s.tenant.id, (tx) => recordDecision(tx, ctxFor(s), { decision: 'opt_in', name: `K ${i}`, phoneE164: `+4917055500${i}0`, idempotencyKey: randomUUID() })),
      ),
    );
    // Recorded, not sealed: no use counted yet (no submission waited for another's commit on the link's row), and the
    // dashboard verification does not count the queued events as uses missing.
    expect(await useCount()).toBe(0);
    expect((await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id))).ok).toBe(true);
    await sealAll();
    expect(await useCount()).toBe(5);
    await sealAll();
    expect(await useCount()).toBe(5);
    expect((await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id))).ok).toBe(true);
    await withSystem((tx) => tx.update(inviteLinks).set({ revokedAt: new Date() }).where(eq(inviteLinks.id, s.linkId)));
    await expect(withTenant(s.tenant.id, (tx) => recordDecision(tx, ctxFor(s), { decision: 'opt_out', idempotencyKey: randomUUID() }))).rejects.toMatchObject({ status: 410 });
    expect(await events(s.tenant.id)).toHaveLength(5);
  });

  it('rejects bad input at the boundary with field errors', () => {
    const bad = [
      { decision: 'opt_in', noticeVersionId: t.version.id, confirmed: '1', name: '', phone: '+491701234567', idempotencyKey: randomUUID() },
      { decision: 'opt_in', noticeVersionId: t.version.id, confirmed: '1', name: 'x'.repeat(10_000), phone: '+491701234567', idempotencyKey: randomUUID() },
      { decision: 'opt_in', noticeVersionId: t.version.id, confirmed: '1', name: 'A', phone: '12', idempotencyKey: randomUUID() },
      { decision: 'opt_in', noticeVersionId: t.version.id, name: 'A', phone: '+491701234567', idempotencyKey: randomUUID() },
      { decision: 'opt_in', noticeVersionId: 'nope', confirmed: '1', name: 'A', phone: '+491701234567', idempotencyKey: randomUUID() },
      { decision: 'maybe', idempotencyKey: randomUUID() },
      { decision: 'opt_out', idempotencyKey: 'not-a-uuid' },
      { decision: 'opt_out', email: 'no-mail', idempotencyKey: randomUUID() },
      {},
    ];
    for (const b of bad) expect(decisionSchema.safeParse(b).success, JSON.stringify(b).slice(0, 80)).toBe(false);
  });

  it('keeps one valid chain under 200 concurrent submissions', async () => {
    const s = await seedTenantWithLink('ledger-conc');
    const ctx = ctxFor(s);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        withTenant(s.tenant.id, (tx) =>
          recordDecision(tx, ctx, { decision: 'opt_in', name: `K${i}`, phoneE164: `+4917090${String(i).padStart(5, '0')}`, idempotencyKey: randomUUID() }),
        ),
      ),
    );
    await sealAll();
    const rows = await events(s.tenant.id);
    expect(rows).toHaveLength(200);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const v = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id, 37));
    expect(v).toMatchObject({ ok: true, events: 200 });
  }, 120_000);

  it('refuses UPDATE and DELETE of ledger rows, as the app role and even as the owner', async () => {
    await expect(withTenant(t.tenant.id, (tx) => tx.update(consentEvents).set({ type: 'opt_out' }).where(eq(consentEvents.tenantId, t.tenant.id)))).rejects.toThrow();
    await expect(withTenant(t.tenant.id, (tx) => tx.delete(consentEvents).where(eq(consentEvents.tenantId, t.tenant.id)))).rejects.toThrow();
    const err = await withSystem((tx) => tx.delete(consentEvents).where(eq(consentEvents.tenantId, t.tenant.id))).catch((e: Error) => e);
    expect(String((err as Error & { cause?: Error }).cause?.message)).toMatch(/append-only/);
    expect((await events(t.tenant.id)).length).toBeGreaterThan(0);
  });

  it('finds a row tampered with by hand', async () => {
    const s = await seedTenantWithLink('ledger-tamper');
    for (let i = 0; i < 3; i++) await withTenant(s.tenant.id, (tx) => recordDecision(tx, ctxFor(s), { decision: 'opt_out', idempotencyKey: randomUUID() }));
    await sealAll();
    const [second] = (await events(s.tenant.id)).filter((e) => e.seq === 2);
    // A database superuser can switch the trigger off; verification must still catch the edit.
    await db.db.transaction(async (tx) => {
      await tx.execute(sql`alter table consent_events disable trigger consent_events_append_only`);
      await tx.update(consentEvents).set({ type: 'opt_in' }).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.id, second!.id)));
      await tx.execute(sql`alter table consent_events enable trigger consent_events_append_only`);
    });
    const v = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id));
    expect(v).toMatchObject({ ok: false, firstBreak: { seq: 2, eventId: second!.id, reason: 'hash' } });
  });

  it(`runs on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => expect(db.driver).toBe(onPostgres ? 'postgres' : 'pglite'));
});
