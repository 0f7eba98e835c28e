import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consentEvents, ledgerCheckpoints, ledgerQueue, ledgerTrees, mailOutbox } from '@/db/schema';
import { withTenant } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { CANON_VERSION, eventEntry, eventHash, genesisHash, type ChainedEvent } from '@/lib/consent/event-hash';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { HELD } from '@/lib/mail/enqueue';
import { openCheckpoint } from '../tlog/checkpoint';
import { leafHash } from '../tlog/hash';
import { rootOfLeaves } from '../tlog/merkle';
import { parseVerifierKey } from '../tlog/note';
import { verifyReceiptProof } from '../tlog/receipt-proof';
import { receiptProofFor } from '../log-store';
import { LedgerIntegrityError, sequenceTenant } from '../sequencer';
import { ledgerSigner } from '../signing';

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

async function submit(s: Seeded, i: number) {
  const input = decisionSchema.parse(
    i % 2
      ? { decision: 'opt_out', idempotencyKey: randomUUID() }
      : { decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: `K ${i}`, phone: `+4917055501${String(i).padStart(2, '0')}`, idempotencyKey: randomUUID() },
  );
  return submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: '203.0.113.0', userAgent: 'vitest', baseUrl: 'http://localhost:3000' });
}

const eventsOf = (tenantId: string) => db.db.select().from(consentEvents).where(eq(consentEvents.tenantId, tenantId)).orderBy(asc(consentEvents.seq));
const queueOf = (tenantId: string) => db.db.select().from(ledgerQueue).where(eq(ledgerQueue.tenantId, tenantId));
const treeOfTenant = async (tenantId: string) => (await db.db.select().from(ledgerTrees).where(eq(ledgerTrees.tenantId, tenantId)))[0];

describe('ledger sequencer (issue #16)', () => {
  it('an append is recorded at once and sealed by the sequencer: seq in arrival order, tree, signed checkpoint, receipt mails released', async () => {
    const s = await seedTenantWithLink('seq-basic');
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await submit(s, i));
    const before = await eventsOf(s.tenant.id);
    expect(before.map((e) => e.seq)).toEqual([null, null, null, null, null]);
    expect(before.every((e) => e.canonVersion === 3 && e.prevHash === null)).toBe(true);
    expect(await queueOf(s.tenant.id)).toHaveLength(5);
    const held = await db.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, s.tenant.id), eq(mailOutbox.kind, 'evidence_receipt')));
    expect(held).toHaveLength(5);
    expect(held.every((m) => m.nextAttemptAt.getTime() === HELD.getTime())).toBe(true);

    expect(await sealAll()).toBeGreaterThanOrEqual(5);
    const after = await eventsOf(s.tenant.id);
    // Arrival order = submission order here (sequential submissions).
    const bySubmission = results.map((r) => after.find((e) => e.id === r.eventId)!.seq);
    expect(bySubmission).toEqual([1, 2, 3, 4, 5]);
    expect(await queueOf(s.tenant.id)).toHaveLength(0);
    const tree = await treeOfTenant(s.tenant.id);
    expect(tree!.size).toBe(5);
    const leaves = after.map((e) => leafHash(eventEntry(e)));
    expect(Buffer.from(rootOfLeaves(leaves)).equals(tree!.root)).toBe(true);
    const [cp] = await db.db.select().from(ledgerCheckpoints).where(and(eq(ledgerCheckpoints.tenantId, s.tenant.id), eq(ledgerCheckpoints.size, 5)));
    const opened = openCheckpoint(cp!.note, [parseVerifierKey(ledgerSigner().vkey)], tree!.origin);
    expect(opened.size).toBe(5);
    expect(Buffer.from(opened.root).equals(tree!.root)).toBe(true);
    const released = await db.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, s.tenant.id), eq(mailOutbox.kind, 'evidence_receipt')));
    expect(released.every((m) => m.nextAttemptAt.getTime() < HELD.getTime())).toBe(true);

    // Every event's receipt proof verifies against the published key.
    for (const e of after) {
      const proof = await withTenant(s.tenant.id, (tx) => receiptProofFor(tx, e));
      const v = verifyReceiptProof(proof!, { verifierKeys: [ledgerSigner().vkey] });
      expect(v.ok, JSON.stringify(v.checks)).toBe(true);
    }
  });

  it('a receipt proof past one tile (260 entries): the entry\'s full tile and the partial tile at the tree\'s right border', async () => {
    const s = await seedTenantWithLink('seq-two-tiles');
    for (let i = 0; i < 260; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => submit(s, i + j)));
    await sealAll();
    const after = await eventsOf(s.tenant.id);
    expect(after.map((e) => e.seq)).toEqual(Array.from({ length: 260 }, (_, i) => i + 1));
    for (const e of [after[0]!, after[200]!, after[255]!, after[256]!, after[259]!]) {
      const proof = await withTenant(s.tenant.id, (tx) => receiptProofFor(tx, e));
      const v = verifyReceiptProof(proof!, { verifierKeys: [ledgerSigner().vkey] });
      expect(v.ok, `seq ${e.seq}: ${JSON.stringify(v.checks)}`).toBe(true);
    }
  }, 60_000);

  it('concurrent appends and two concurrent sequencers: every event exactly once, contiguous seq, tree = events', async () => {
    const s = await seedTenantWithLink('seq-concurrent');
    await Promise.all(Array.from({ length: 30 }, (_, i) => submit(s, i)));
    const runs = await Promise.all([sealAll(), sealAll(), sequenceTenant(s.tenant.id)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);
    const after = await eventsOf(s.tenant.id);
    expect(after.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const tree = await treeOfTenant(s.tenant.id);
    expect(tree!.size).toBe(30);
    expect(Buffer.from(rootOfLeaves(after.map((e) => leafHash(eventEntry(e))))).equals(tree!.root)).toBe(true);
  });

  it('a border kept in memory after a batch is used only while the tree is as this process left it (another instance sealed since: tiles)', async () => {
    const s = await seedTenantWithLink('seq-two-instances');
    await submit(s, 0);
    await submit(s, 1);
    expect(await sequenceTenant(s.tenant.id)).toBe(2); // this instance keeps the border of size 2
    // A second instance: the same code with its own module state (its own kept borders), on the same database.
    vi.resetModules();
    const other = await import('../sequencer');
    for (let i = 2; i < 5; i++) await submit(s, i);
    expect(await other.sequenceTenant(s.tenant.id)).toBe(3);
    await submit(s, 5);
    expect(await sequenceTenant(s.tenant.id)).toBe(1); // size 5 now, not 2: this instance must read the tiles
    const after = await eventsOf(s.tenant.id);
    expect(after.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Buffer.from(rootOfLeaves(after.map((e) => leafHash(eventEntry(e))))).equals((await treeOfTenant(s.tenant.id))!.root)).toBe(true);
  });

  it('legacy v1 chain events become the first leaves (index = seq - 1, entry = their chain form), then v3 events follow', async () => {
    const s = await seedTenantWithLink('seq-legacy');
    const legacy = await insertLegacyChain(s, 3);
    for (let i = 0; i < 2; i++) await submit(s, i);
    await sealAll();
    const after = await eventsOf(s.tenant.id);
    expect(after.map((e) => [e.seq, e.canonVersion])).toEqual([[1, 1], [2, 1], [3, 1], [4, 3], [5, 3]]);
    expect(after.slice(0, 3).map((e) => e.hash)).toEqual(legacy.map((e) => e.hash));
    const proof = await withTenant(s.tenant.id, (tx) => receiptProofFor(tx, after[1]!));
    expect(proof!.index).toBe(1);
    expect(Buffer.from(proof!.entry, 'base64').toString('utf8')).toContain(`"prevHash":"${legacy[0]!.hash}"`);
    expect(verifyReceiptProof(proof!, { verifierKeys: [ledgerSigner().vkey] }).ok).toBe(true);
  });

  it('a queued event edited before it is sealed is refused, and nothing of the batch is integrated', async () => {
    const s = await seedTenantWithLink('seq-tamper');
    await submit(s, 0);
    await submit(s, 1);
    const [first] = await queueOf(s.tenant.id);
    await db.db.transaction(async (tx) => {
      await tx.execute(sql`alter table consent_events disable trigger consent_events_append_only`);
      await tx.update(consentEvents).set({ userAgent: 'forged' }).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.id, first!.eventId)));
      await tx.execute(sql`alter table consent_events enable trigger consent_events_append_only`);
    });
    await expect(sequenceTenant(s.tenant.id)).rejects.toBeInstanceOf(LedgerIntegrityError);
    expect(await queueOf(s.tenant.id)).toHaveLength(2);
    expect((await eventsOf(s.tenant.id)).every((e) => e.seq === null)).toBe(true);
  });

  it('the append-only trigger lets seq be set once and nothing else', async () => {
    const s = await seedTenantWithLink('seq-trigger');
    await submit(s, 0);
    await sealAll();
    const [e] = await eventsOf(s.tenant.id);
    await expect(db.db.update(consentEvents).set({ seq: 7 }).where(eq(consentEvents.id, e!.id))).rejects.toThrow(/append-only/);
    await submit(s, 1);
    const unsealed = (await eventsOf(s.tenant.id)).find((x) => x.seq === null)!;
    await expect(db.db.update(consentEvents).set({ seq: 2, userAgent: 'x' }).where(eq(consentEvents.id, unsealed.id))).rejects.toThrow(/append-only/);
  });
});

/** Writes `n` v1 chain events the way the app did before migration 0008, queued as the migration queues them. */
async function insertLegacyChain(s: Seeded, n: number) {
  const out: (ChainedEvent & { hash: string })[] = [];
  let prev = genesisHash(s.tenant.id);
  await db.db.transaction(async (tx) => {
    for (let i = 1; i <= n; i++) {
      const contactId = randomUUID();
      await tx.execute(sql`insert into contacts (tenant_id, id, status, language) values (${s.tenant.id}, ${contactId}, 'opted_out', 'de')`);
      const e: ChainedEvent = {
        canonVersion: CANON_VERSION,
        id: randomUUID(),
        tenantId: s.tenant.id,
        seq: i,
        type: 'opt_out',
        contactId,
        occurredAt: new Date(Date.UTC(2026, 0, i)),
        noticeVersionId: null,
        noticeHash: null,
        linkId: s.linkId,
        channel: 'whatsapp',
        language: 'de',
        ipTruncated: null,
        userAgent: 'legacy',
        idempotencyKey: randomUUID(),
        piiHash: null,
        prevHash: prev,
      };
      const hash = eventHash(e);
      await tx.insert(consentEvents).values({ ...e, identityId: null, hash });
      await tx.insert(ledgerQueue).values({ tenantId: s.tenant.id, eventId: e.id });
      out.push({ ...e, hash });
      prev = hash;
    }
  });
  return out;
}
