import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, contactIdentities, contacts, inviteLinks, ledgerCheckpoints, ledgerQueue, ledgerTiles, ledgerTrees, mailOutbox } from '@/db/schema';
import { withTenant } from '@/lib/db/with-tenant';
import { openPostgres, setDbHandle } from '@/db';
import { createTestDb } from '@/lib/testing/test-db';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { CANON_VERSION_TLOG, eventEntry, eventHash } from '@/lib/consent/event-hash';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { verifyChain } from '@/lib/consent/verify-chain';
import { eraseContact } from '@/lib/consent/erase';
import { signCheckpoint } from '../tlog/checkpoint';
import { Frontier } from '../tlog/frontier';
import { leafHash } from '../tlog/hash';
import { generateNoteKey, parseSignerKey, type NoteSigner } from '../tlog/note';
import { TileWrites } from '../tlog/tiles';
import { auditLedger } from '../audit';
import { ledgerSigner } from '../signing';

// Issue #16: tampering as someone with full access to the database (the owner, append-only trigger switched off).
// Each case keeps a signed checkpoint saved BEFORE the tamper — as a receipt, the daily checkpoint mail or a monitor
// would have it — and the auditor must name what was done.
let db: Awaited<ReturnType<typeof createTestDb>>;
type Seeded = Awaited<ReturnType<typeof seedTenantWithLink>>;
type OwnerTx = Parameters<Parameters<typeof db.db.transaction>[0]>[0];

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '100000';
  db = await createTestDb();
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  await db.close();
});

/** A tenant with `n` decisions through the public use case (receipt mail and link use each), sealed. */
async function tenantWithEvents(slug: string, n = 5): Promise<Seeded> {
  const s = await seedTenantWithLink(slug);
  for (let i = 0; i < n; i++) {
    const input = decisionSchema.parse(
      i % 2
        ? { decision: 'opt_out', idempotencyKey: randomUUID() }
        : { decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: `K ${i}`, phone: `+4917055600${i}${i}`, idempotencyKey: randomUUID() },
    );
    await submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: '203.0.113.0', userAgent: 'vitest', baseUrl: 'http://localhost:3000' });
    await sealAll(); // one batch per event: a checkpoint at every size
  }
  return s;
}

const audit = (s: Seeded, checkpoints: string[] = []) => withTenant(s.tenant.id, (tx) => auditLedger(tx, s.tenant.id, { checkpoints, batchSize: 3 }));

/** The latest signed checkpoint as it left the database (receipt, daily mail). */
async function saveCheckpoint(s: Seeded): Promise<string> {
  const [cp] = await db.db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.tenantId, s.tenant.id)).orderBy(desc(ledgerCheckpoints.size)).limit(1);
  return cp!.note;
}

async function asOwner(fn: (tx: OwnerTx) => Promise<unknown>) {
  await db.db.transaction(async (tx) => {
    await tx.execute(sql`alter table consent_events disable trigger consent_events_append_only`);
    await tx.execute(sql`alter table contact_identities disable trigger contact_identities_append_only`);
    await fn(tx);
    await tx.execute(sql`alter table contact_identities enable trigger contact_identities_append_only`);
    await tx.execute(sql`alter table consent_events enable trigger consent_events_append_only`);
  });
}

const eventsOf = (tx: OwnerTx | typeof db.db, s: Seeded) => tx.select().from(consentEvents).where(and(eq(consentEvents.tenantId, s.tenant.id), gt(consentEvents.seq, 0))).orderBy(asc(consentEvents.seq));

/**
 * The attacker rebuilds the stored tree from the events now in the table, consistently: tiles, tree row, the
 * checkpoints beyond the new size dropped, and (with a signer) a checkpoint of the new size signed by it.
 */
async function rebuildTree(tx: OwnerTx, s: Seeded, signer: NoteSigner | null) {
  const events = await eventsOf(tx, s);
  const frontier = Frontier.empty();
  const writes = new TileWrites();
  for (const e of events) frontier.append(leafHash(eventEntry(e)), writes.sink);
  const root = Buffer.from(frontier.root());
  const [tree] = await tx.select().from(ledgerTrees).where(eq(ledgerTrees.tenantId, s.tenant.id));
  await tx.delete(ledgerTiles).where(eq(ledgerTiles.tenantId, s.tenant.id));
  for (const w of writes.list()) await tx.insert(ledgerTiles).values({ tenantId: s.tenant.id, level: w.level, idx: w.index, hashes: Buffer.from(w.hashes) });
  await tx.update(ledgerTrees).set({ size: frontier.size, root }).where(eq(ledgerTrees.tenantId, s.tenant.id));
  await tx.delete(ledgerCheckpoints).where(and(eq(ledgerCheckpoints.tenantId, s.tenant.id), sql`${ledgerCheckpoints.size} >= ${frontier.size}`));
  if (signer) {
    const note = signCheckpoint({ origin: tree!.origin, size: frontier.size, root, extensions: [] }, signer);
    await tx.insert(ledgerCheckpoints).values({ tenantId: s.tenant.id, size: frontier.size, root, note, keyId: 'forged' });
  }
}

/** A decision event with correct hashes, written straight into the table (not through the consent path). */
function forgedEvent(like: typeof consentEvents.$inferSelect, seq: number | null) {
  const e = { ...like, id: randomUUID(), seq, canonVersion: CANON_VERSION_TLOG, prevHash: null, type: 'opt_in' as const, idempotencyKey: randomUUID(), occurredAt: new Date() };
  return { ...e, hash: eventHash(e) };
}

describe('auditLedger (issue #16): every tamper case is named, with a checkpoint saved before it', () => {
  it('passes an untouched log, checks every stored checkpoint and a saved one, counts erased identities as erased', async () => {
    const s = await tenantWithEvents('audit-none');
    const saved = await saveCheckpoint(s);
    const v = await audit(s, [saved]);
    expect(v).toMatchObject({ ok: true, events: 5, complete: true, treeSize: 5, checkpoints: { stored: 5, given: 1 }, identities: { checked: 3, erased: 0 }, problems: [] });
    const [first] = await eventsOf(db.db, s);
    await withTenant(s.tenant.id, (tx) => eraseContact(tx, { tenantId: s.tenant.id, contactId: first!.contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: 'vitest' }));
    await sealAll();
    expect(await audit(s, [saved])).toMatchObject({ ok: true, events: 6, identities: { erased: 1 } });
  });

  it('an event column edited: hash, at that event', async () => {
    const s = await tenantWithEvents('audit-column');
    const saved = await saveCheckpoint(s);
    const third = (await eventsOf(db.db, s))[2]!;
    expect(third.type).toBe('opt_in');
    await asOwner((tx) => tx.update(consentEvents).set({ type: 'opt_out' }).where(eq(consentEvents.id, third.id)));
    expect((await audit(s, [saved])).firstProblem).toMatchObject({ reason: 'hash', seq: 3, eventId: third.id });
  });

  it('an event column edited and its hash recomputed: the stored leaf differs (tile), at that event', async () => {
    const s = await tenantWithEvents('audit-column-hash');
    const saved = await saveCheckpoint(s);
    const third = (await eventsOf(db.db, s))[2]!;
    const edited = { ...third, userAgent: 'forged' };
    await asOwner((tx) => tx.update(consentEvents).set({ userAgent: 'forged', hash: eventHash(edited) }).where(eq(consentEvents.id, third.id)));
    const v = await audit(s, [saved]);
    expect(v.firstProblem).toMatchObject({ reason: 'tile', seq: 3, eventId: third.id, node: { level: 0, index: 2 }, tile: { level: 0, index: 0 } });
  });

  it("a contact's name and phone edited in its identity version: pii, at the event that recorded it", async () => {
    const s = await tenantWithEvents('audit-identity');
    const saved = await saveCheckpoint(s);
    const first = (await eventsOf(db.db, s))[0]!;
    await asOwner(async (tx) => {
      await tx.update(contactIdentities).set({ name: 'Fälschung', phoneE164: '+4915199999999' }).where(eq(contactIdentities.id, first.identityId!));
      await tx.update(contacts).set({ name: 'Fälschung', phoneE164: '+4915199999999' }).where(eq(contacts.id, first.contactId));
    });
    const v = await audit(s, [saved]);
    expect(v.problems).toEqual([expect.objectContaining({ reason: 'pii', seq: 1, eventId: first.id })]);
  });

  it("only the contact's searchable copy edited: contact_copy", async () => {
    const s = await tenantWithEvents('audit-copy');
    const first = (await eventsOf(db.db, s))[0]!;
    await asOwner((tx) => tx.update(contacts).set({ name: 'Fälschung' }).where(eq(contacts.id, first.contactId)));
    expect((await audit(s)).firstProblem).toMatchObject({ reason: 'contact_copy', seq: 1, eventId: first.id });
  });

  it('the last events deleted and the tree rewound consistently (re-signed with the real key): truncated, by the saved checkpoint', async () => {
    const s = await tenantWithEvents('audit-rewound');
    const saved = await saveCheckpoint(s);
    const events = await eventsOf(db.db, s);
    await asOwner(async (tx) => {
      for (const e of events.slice(3)) await tx.delete(consentEvents).where(eq(consentEvents.id, e.id));
      await rebuildTree(tx, s, ledgerSigner());
    });
    // Without anything kept outside, the database is consistent again: the auditor alone cannot tell.
    expect(await audit(s)).toMatchObject({ ok: true, events: 3 });
    const v = await audit(s, [saved]);
    expect(v.problems).toEqual([expect.objectContaining({ reason: 'truncated', seq: 4, checkpoint: { source: 'given', size: 5, index: 0 } })]);
    // The dashboard's verification still sees the receipt mails of the deleted events.
    expect((await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id, { remember: false }))).breaks).toContainEqual(expect.objectContaining({ reason: 'truncated', evidence: expect.objectContaining({ source: 'mail_outbox' }) }));
  });

  it('the last event replaced and the tree rebuilt to the same size with the real key: root, by the saved checkpoint', async () => {
    const s = await tenantWithEvents('audit-regrown');
    const saved = await saveCheckpoint(s);
    const events = await eventsOf(db.db, s);
    const last = events[4]!;
    await asOwner(async (tx) => {
      await tx.delete(consentEvents).where(eq(consentEvents.id, last.id));
      await tx.insert(consentEvents).values(forgedEvent(last, 5));
      await rebuildTree(tx, s, ledgerSigner());
    });
    expect((await audit(s)).ok).toBe(true);
    expect((await audit(s, [saved])).problems).toEqual([expect.objectContaining({ reason: 'root', checkpoint: { source: 'given', size: 5, index: 0 } })]);
  });

  it('the tree state deleted (tree row, tiles, checkpoints): tree_missing, and the first tile missing', async () => {
    const s = await tenantWithEvents('audit-notree');
    const saved = await saveCheckpoint(s);
    await asOwner(async (tx) => {
      await tx.delete(ledgerTiles).where(eq(ledgerTiles.tenantId, s.tenant.id));
      await tx.delete(ledgerCheckpoints).where(eq(ledgerCheckpoints.tenantId, s.tenant.id));
      await tx.delete(ledgerTrees).where(eq(ledgerTrees.tenantId, s.tenant.id));
    });
    const v = await audit(s, [saved]);
    expect(v.firstProblem).toMatchObject({ reason: 'tree_missing' });
    expect(v.problems).toContainEqual(expect.objectContaining({ reason: 'tile', seq: 1, node: { level: 0, index: 0 } }));
  });

  it('a forged entry appended with correct hashes by someone with database access only: unsigned (no checkpoint), or signature (their own key)', async () => {
    const s = await tenantWithEvents('audit-forge-db');
    const saved = await saveCheckpoint(s);
    const last = (await eventsOf(db.db, s))[4]!;
    await asOwner(async (tx) => {
      await tx.insert(consentEvents).values(forgedEvent(last, 6));
      await rebuildTree(tx, s, null);
    });
    const unsigned = await audit(s, [saved]);
    // The saved checkpoint (size 5) is a prefix of the forged log: consistent. The missing signature is what shows.
    expect(unsigned.problems).toEqual([expect.objectContaining({ reason: 'unsigned', seq: 6 })]);
    const attacker = parseSignerKey(generateNoteKey(ledgerSigner().name).skey);
    await asOwner((tx) => rebuildTree(tx, s, attacker));
    const v = await audit(s, [saved]);
    expect(v.firstProblem).toMatchObject({ reason: 'signature', checkpoint: { source: 'stored', size: 6 } });
    expect(v.problems.map((p) => p.reason)).toEqual(['signature', 'unsigned']);
  });

  it('a forged entry sealed by the real sequencer (the key stolen too): consistent with every checkpoint; the evidence around events catches it', async () => {
    const s = await tenantWithEvents('audit-forge-key');
    const saved = await saveCheckpoint(s);
    const last = (await eventsOf(db.db, s))[4]!;
    const forged = forgedEvent(last, null);
    await asOwner(async (tx) => {
      await tx.insert(consentEvents).values(forged);
      await tx.insert(ledgerQueue).values({ tenantId: s.tenant.id, eventId: forged.id });
    });
    await sealAll();
    // An append IS consistent with every earlier checkpoint: the tree cannot tell a forged entry from a real one.
    expect(await audit(s, [saved])).toMatchObject({ ok: true, events: 6 });
    // The decision names an invite link that counted no use for it (record-decision counts one per decision).
    const v = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id, { remember: false }));
    expect(v.firstBreak).toMatchObject({ reason: 'link_uses', evidence: { source: 'invite_links', id: s.linkId, expected: 5, found: 6 } });
  });

  it('a given checkpoint of another log, or not signed by a ledger key, is refused', async () => {
    const s = await tenantWithEvents('audit-given', 2);
    const other = await tenantWithEvents('audit-given-other', 2);
    const foreign = signCheckpoint({ origin: 'example.com/ledger/x', size: 2, root: Buffer.alloc(32), extensions: [] }, parseSignerKey(generateNoteKey('example.com').skey));
    const v = await audit(s, [await saveCheckpoint(other), foreign]);
    expect(v.problems.map((p) => [p.reason, p.checkpoint?.index])).toEqual([
      ['origin', 0],
      ['signature', 1],
    ]);
  });
});

describe('verifyChain (dashboard, report) on top of the audit: the evidence around events', () => {
  const verify = (s: Seeded, remember = false) => withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id, { remember }));

  it('the cached verified prefix outlives the evidence: truncated (ledger_verifications) when mails, link use and the tree were rewound too', async () => {
    const s = await tenantWithEvents('verify-cache', 4);
    expect((await verify(s, true)).ok).toBe(true); // caches (4, hash of #4)
    const last = (await eventsOf(db.db, s))[3]!;
    await asOwner(async (tx) => {
      await tx.delete(mailOutbox).where(eq(mailOutbox.relatedId, last.id));
      await tx.delete(consentEvents).where(eq(consentEvents.id, last.id));
      await tx.update(inviteLinks).set({ uses: 3 }).where(eq(inviteLinks.id, s.linkId));
      await rebuildTree(tx, s, ledgerSigner());
    });
    const v = await verify(s, true);
    expect(v).toMatchObject({ ok: false, events: 3, firstBreak: { reason: 'truncated', seq: 4, evidence: { source: 'ledger_verifications', found: 'none' } } });
    expect(v.breaks).toHaveLength(1);
  });

  it('the last event replaced with a recomputed hash after a verification, tree rebuilt with the key: rewritten', async () => {
    const s = await tenantWithEvents('verify-rewrite', 4);
    expect((await verify(s, true)).ok).toBe(true);
    const last = (await eventsOf(db.db, s))[3]!;
    const other = { ...last, id: randomUUID(), userAgent: 'forged', idempotencyKey: randomUUID() };
    const hash = eventHash(other);
    await asOwner(async (tx) => {
      await tx.delete(consentEvents).where(eq(consentEvents.id, last.id));
      await tx.insert(consentEvents).values({ ...other, hash });
      await tx.update(mailOutbox).set({ relatedId: other.id }).where(eq(mailOutbox.relatedId, last.id));
      await rebuildTree(tx, s, ledgerSigner());
    });
    const v = await verify(s);
    expect(v).toMatchObject({ ok: false, firstBreak: { reason: 'rewritten', seq: 4, eventId: other.id, evidence: { source: 'ledger_verifications', found: hash } } });
    expect(v.breaks).toHaveLength(1);
  });

  it('every event and the tree deleted: head_missing, because contacts and mails show there were events', async () => {
    const s = await tenantWithEvents('verify-empty', 2);
    await asOwner(async (tx) => {
      await tx.delete(consentEvents).where(eq(consentEvents.tenantId, s.tenant.id));
      await tx.delete(ledgerTiles).where(eq(ledgerTiles.tenantId, s.tenant.id));
      await tx.delete(ledgerCheckpoints).where(eq(ledgerCheckpoints.tenantId, s.tenant.id));
      await tx.delete(ledgerTrees).where(eq(ledgerTrees.tenantId, s.tenant.id));
    });
    const v = await verify(s);
    expect(v).toMatchObject({ ok: false, events: 0, firstBreak: { reason: 'head_missing', seq: 1 } });
    expect(v.breaks.map((b) => b.reason)).toContain('truncated');
  });

  it('a tenant without events and without a tree passes', async () => {
    const s = await seedTenantWithLink('verify-fresh');
    expect(await verify(s)).toMatchObject({ ok: true, events: 0 });
  });
});

describe('npm run ledger:audit (a process of its own: PostgreSQL only)', () => {
  /** Runs the CLI against the test database; its exit code and output. */
  async function cli(args: string[]) {
    const env = { ...process.env, DATABASE_URL: db.url!, LOG_LEVEL: 'silent' };
    try {
      const { stdout } = await promisify(execFile)('npx', ['tsx', '--import', './scripts/server-only-hook.mjs', 'scripts/ledger-audit.ts', ...args], { env, timeout: 60_000 });
      return { code: 0, stdout };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: err.code ?? -1, stdout: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
  }

  it.skipIf(!process.env.DATABASE_URL)('exits 0 on an intact log, 1 with the first bad entry named when a saved checkpoint shows the log was rewound, 2 on bad usage', async () => {
    const s = await tenantWithEvents('audit-cli', 4);
    const file = path.join(tmpdir(), `checkpoint-${randomUUID()}.txt`);
    writeFileSync(file, await saveCheckpoint(s));
    const ok = await cli(['--tenant', s.tenant.slug, '--checkpoint', file]);
    expect(ok.stdout).toContain('INTACT');
    expect(ok.code).toBe(0);
    const events = await eventsOf(db.db, s);
    await asOwner(async (tx) => {
      await tx.delete(mailOutbox).where(eq(mailOutbox.relatedId, events[3]!.id));
      await tx.delete(consentEvents).where(eq(consentEvents.id, events[3]!.id));
      await tx.update(inviteLinks).set({ uses: 3 }).where(eq(inviteLinks.id, s.linkId));
      await rebuildTree(tx, s, ledgerSigner());
    });
    const bad = await cli(['--tenant', s.tenant.id, '--checkpoint', file, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, events: 3, firstProblem: { reason: 'truncated', seq: 4, checkpoint: { source: 'given', size: 4 } } });
    expect((await cli(['--checkpoint', file])).code).toBe(2);
  }, 120_000);
});

describe('audits at the same time on a small pool (PostgreSQL only)', () => {
  it.skipIf(!process.env.DATABASE_URL)('all finish: only one audit at a time borrows a second connection for the identity pass', async () => {
    const s = await tenantWithEvents('audit-pool', 3);
    const small = await openPostgres(db.url!, { max: 2 });
    setDbHandle(small);
    try {
      // Two audits holding the pool's two connections, each waiting for a second one, would wait forever.
      const audits = Promise.all(Array.from({ length: 3 }, () => withTenant(s.tenant.id, (tx) => auditLedger(tx, s.tenant.id))));
      const stuck = new Promise<'stuck'>((r) => setTimeout(() => r('stuck'), 20_000).unref());
      const done = await Promise.race([audits, stuck]);
      expect(done).not.toBe('stuck');
      expect((done as Awaited<typeof audits>).map((a) => [a.ok, a.events, a.identities.checked])).toEqual([
        [true, 3, 2],
        [true, 3, 2],
        [true, 3, 2],
      ]);
    } finally {
      setDbHandle(db);
      await small.close();
    }
  }, 60_000);
});
