// Hardening: two production servers (`npm start`: server.mjs) on one PostgreSQL database.
//  1. 1,000 concurrent submissions spread over both → exactly 1,000 events, one valid chain.
//  2. kill -9 one instance during a load run, restart it → every submission that got a 2xx is in the ledger, and
//     every queued mail is delivered (to a local Resend stub) exactly once: checked on every request the stub received,
//     per idempotency key (a key re-sent only if its mail was in flight at the crash, and then with the same payload).
//  3. kill -9 an instance while its ledger sequencer is inside a batch (issue #16), restart it → every acknowledged
//     submission's event is sealed exactly once, seq 1..n contiguous, events seen queued together sealed in their
//     arrival order, the stored root = the root recomputed from the entries, every stored checkpoint verifies with the
//     one shared key and names the recomputed root at its size.
// Needs DATABASE_URL (a server; a fresh database is created and dropped) and a production build (`next build`).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migratePostgres, openPostgres, setDbHandle } from '../../db/index';
import { consentEvents, mailOutbox } from '../../db/schema';
import { eventEntry } from '../../lib/consent/event-hash';
import { verifyChain } from '../../lib/consent/verify-chain';
import { openCheckpoint } from '../../lib/ledger/tlog/checkpoint';
import { Frontier } from '../../lib/ledger/tlog/frontier';
import { leafHash } from '../../lib/ledger/tlog/hash';
import { generateNoteKey, parseVerifierKey } from '../../lib/ledger/tlog/note';
import { withSystem, withTenant } from '../../lib/db/with-tenant';
import { seedTenantWithLink } from '../../lib/testing/fixtures';
import { deliveryProblems, startResendStub, type StubOutcome } from '../../lib/testing/resend-stub';

const base = process.env.DATABASE_URL;
if (!base) throw new Error('DATABASE_URL (a PostgreSQL server) is required');
const SECRET = 'hardening-secret-not-for-production';
/** The two instances' ports (HARDENING_PORT and the next one), so a run can sit beside another. */
const PORT_A = Number(process.env.HARDENING_PORT ?? 3211);
const PORT_B = PORT_A + 1;
/** The public host both instances serve (APP_URL's), as a load balancer in front of them would forward it. */
const PUBLIC_HOST = 'einwilligung.hardening.test';
process.env.AUTH_SECRET = SECRET;
process.env.LOG_LEVEL = 'silent';
/** One ledger signing key for both instances (each would otherwise sign with a key of its own DATA_DIR, or refuse). */
const LEDGER_KEY = generateNoteKey('hardening.test');
// This process verifies the instances' checkpoints (verifyChain runs the auditor): it must know their key.
process.env.LEDGER_SIGNING_KEY = LEDGER_KEY.skey;

/** Everything the servers print; checked for personal data and tokens at the end. */
const serverLog: string[] = [];

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(`FAILED: ${msg}`);
  console.log(`ok - ${msg}`);
}

async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  // The production server as `npm start` runs it (server.mjs), in its own process group, so a kill reaches all of it.
  const child = spawn(process.execPath, ['server.mjs', '-p', String(port)], {
    // Both instances behind one (simulated) load balancer: one APP_URL, as in production, so every instance composes
    // the same mail for a row (a re-send by the other instance reuses the idempotency key with the same payload). The
    // balancer is the one trusted proxy hop: it names the public host in X-Forwarded-Host (see PUBLIC_HOST).
    env: { ...process.env, APP_URL: `http://${PUBLIC_HOST}`, TRUSTED_PROXY_HOPS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d) => serverLog.push(String(d)));
  child.stderr!.on('data', (d) => serverLog.push(String(d)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/signin`, { headers: { 'x-forwarded-host': PUBLIC_HOST } })).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  kill9(child);
  throw new Error(`server on ${port} did not start; its log ends: ${serverLog.join('').slice(-800)}`);
}

/** kill -9 of the whole server (process group). */
function kill9(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

async function submit(port: number, slug: string, token: string, noticeVersionId: string, i: number, withEmail = false) {
  const res = await fetch(`http://127.0.0.1:${port}/api/public/consent/${slug}/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${(i >> 8) & 255}.${i & 255}`, 'x-forwarded-host': PUBLIC_HOST },
    body: JSON.stringify({ decision: 'opt_in', noticeVersionId, confirmed: '1', name: `Last ${i}`, phone: `+4917${String(10_000_000 + i)}`, email: withEmail ? `k${i}@example.com` : undefined, idempotencyKey: randomUUID() }),
  });
  return { status: res.status, body: res.ok ? ((await res.json()) as { eventId: string }) : null };
}

/** Runs `n` jobs with at most `limit` in flight. */
async function pool<T>(n: number, limit: number, job: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const out: PromiseSettledResult<T>[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await job(i).then((value) => ({ status: 'fulfilled' as const, value }), (reason) => ({ status: 'rejected' as const, reason }));
      }
    }),
  );
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the tenant's ledger queue is empty (every recorded event sealed), at most `seconds`. */
async function untilSealed(db: postgres.Sql, tenantId: string, seconds = 120): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const [row] = await db`select count(*)::int as n from ledger_queue where tenant_id = ${tenantId}`;
    if (row!.n === 0) return true;
    await sleep(100);
  }
  return false;
}

/**
 * The tenant's queue as one batch would find it: read while holding the tree row FOR SHARE (no batch runs meanwhile;
 * the next one starts after and sees at least these rows), so events seen together here must be sealed in this order.
 */
async function queueSnapshot(db: postgres.Sql, tenantId: string): Promise<string[]> {
  return db.begin(async (tx) => {
    await tx`select 1 from ledger_trees where tenant_id = ${tenantId} for share`;
    return (await tx`select event_id from ledger_queue where tenant_id = ${tenantId} order by arrival`).map((r) => String(r.event_id));
  });
}

/**
 * Phase 3: load on both instances (one new tenant, no mail); as soon as a session of instance A is inside a sequencer
 * batch (in a transaction whose statement is a batch's own: the tree row, tiles, checkpoint, seq assignment — an
 * append touches none of them), kill -9 A; finish the load on B, restart A, wait for the queue to drain, check the log.
 */
async function killDuringSequencing(db: postgres.Sql, a: ChildProcess, envA: Record<string, string>): Promise<ChildProcess> {
  const t = await seedTenantWithLink('hardening-seq');
  await db`update tenants set evidence_email = null where id = ${t.tenant.id}`;
  const acknowledged: string[] = [];
  const snapshots: string[][] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const snap = await queueSnapshot(db, t.tenant.id);
      if (snap.length > 1) snapshots.push(snap);
      await sleep(20);
    }
  })();
  const load = pool(1200, 40, async (i) => {
    const r = await submit(i % 2 ? PORT_A : PORT_B, t.tenant.slug, t.token, t.version.id, 20_000 + i);
    if (r.status >= 200 && r.status < 300 && r.body) acknowledged.push(r.body.eventId);
    return r;
  });
  let caught: string | null = null;
  const deadline = Date.now() + 60_000;
  while (!caught && Date.now() < deadline) {
    const rows = await db`select left(query, 70) as q from pg_stat_activity
      where application_name = 'einw-hardening-a' and xact_start is not null
        and query ~* '(from "ledger_trees".*for update|insert into "ledger_tiles"|insert into "ledger_checkpoints"|set seq = )'`;
    if (rows.length && acknowledged.length >= 100) caught = String(rows[0]!.q).replace(/\s+/g, ' ');
  }
  kill9(a);
  const ackedAtKill = acknowledged.length;
  const results = await load;
  assert(caught !== null, `instance A was killed inside a sequencer batch (its session's statement: ${caught}) after ${ackedAtKill} acknowledged submissions`);
  const refused = results.filter((r) => r.status === 'rejected' || r.value.status >= 300).length;
  console.log(`  ${acknowledged.length} submissions acknowledged, ${refused} not (sent to the killed instance)`);
  const restarted = await startServer(PORT_A, envA);
  const drained = await untilSealed(db, t.tenant.id);
  watching = false;
  await watcher;
  assert(drained, 'after the restart the queue drains: every recorded event is sealed');
  await checkSealedLog(db, t.tenant.id, acknowledged, snapshots);
  return restarted;
}

/** The tenant's log as stored against the acknowledged submissions, the queue snapshots and the shared signing key. */
async function checkSealedLog(db: postgres.Sql, tenantId: string, acknowledged: string[], snapshots: string[][]) {
  const events = await withTenant(tenantId, (tx) => tx.select().from(consentEvents).where(eq(consentEvents.tenantId, tenantId)).orderBy(asc(consentEvents.seq)));
  const seqOf = new Map(events.map((e) => [e.id, e.seq]));
  const unsealed = acknowledged.filter((id) => seqOf.get(id) == null);
  assert(unsealed.length === 0, `every acknowledged submission's event is sealed (${acknowledged.length}; unsealed: ${unsealed.length})`);
  assert(events.every((e, i) => e.seq === i + 1), `seq is 1..${events.length}, contiguous: each event sealed exactly once`);
  const outOfOrder = snapshots.filter((snap) => snap.some((id, i) => i > 0 && !((seqOf.get(id) ?? 0) > (seqOf.get(snap[i - 1]!) ?? Infinity))));
  assert(snapshots.length > 0 && outOfOrder.length === 0, `events queued together were sealed in arrival order (${snapshots.length} queue snapshots, ${outOfOrder.length} out of order)`);
  const [tree] = await db`select size::int as size, root, origin from ledger_trees where tenant_id = ${tenantId}`;
  const checkpoints = await db`select size::int as size, root, note from ledger_checkpoints where tenant_id = ${tenantId} order by size`;
  const verifier = parseVerifierKey(LEDGER_KEY.vkey);
  const frontier = Frontier.empty();
  let next = 0;
  const bad: string[] = [];
  const checkAt = () => {
    for (; next < checkpoints.length && checkpoints[next]!.size === frontier.size; next++) {
      const cp = checkpoints[next]!;
      try {
        const opened = openCheckpoint(String(cp.note), [verifier], String(tree!.origin));
        const root = Buffer.from(frontier.root());
        if (opened.size !== cp.size || !root.equals(Buffer.from(opened.root)) || !root.equals(cp.root as Buffer)) bad.push(`checkpoint ${cp.size}: root differs`);
      } catch (e) {
        bad.push(`checkpoint ${cp.size}: ${(e as Error).message}`);
      }
    }
  };
  for (const e of events) {
    frontier.append(leafHash(eventEntry(e)));
    checkAt();
  }
  assert(!!tree && tree.size === events.length && Buffer.from(frontier.root()).equals(tree.root as Buffer), `the stored tree (size ${tree?.size}) has the root recomputed from the ${events.length} entries`);
  assert(checkpoints.length > 0 && next === checkpoints.length && bad.length === 0, `all ${checkpoints.length} checkpoints verify with the shared key and name the recomputed root at their size${bad.length ? `: ${bad.slice(0, 3).join('; ')}` : ''}${next < checkpoints.length ? `; ${checkpoints.length - next} at no size of the log` : ''}`);
}

const admin = postgres(base, { max: 1, onnotice: () => {} });
const dbName = `einw_hard_${Date.now()}`;
await admin.unsafe(`create database ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const stub = await startResendStub();
const servers: ChildProcess[] = [];
/** The database owner (RLS does not apply): reads the queue, the sessions and every tenant's log as stored. */
let owner: postgres.Sql = admin;
try {
  await migratePostgres(url.toString());
  owner = postgres(url.toString(), { max: 2, onnotice: () => {} });
  const handle = await openPostgres(url.toString(), { max: 5 });
  setDbHandle(handle);
  const s = await seedTenantWithLink('hardening');
  // Phase 1 sends no mail (no evidence address, no contact e-mail); phase 2 does, to test the outbox across a crash.
  await handle.db.execute(sql`update tenants set evidence_email = null where id = ${s.tenant.id}`);
  const env = {
    DATABASE_URL: url.toString(),
    AUTH_SECRET: SECRET,
    DATA_DIR: process.env.HARDENING_DATA_DIR ?? '.data-hardening',
    RESEND_API_KEY: 're_stub',
    RESEND_BASE_URL: stub.url,
    CONSENT_RATE_LIMIT_IP: '1000000',
    CONSENT_RATE_LIMIT_LINK: '1000000',
    MAIL_POLL_MS: '500',
    // The stub has no rate limit: the shared bucket (2/s by default, Resend's) would stretch phase 2 to minutes.
    RESEND_RATE_LIMIT: '1000',
    LOG_LEVEL: 'silent',
    SEED_DEMO: '0',
    LEDGER_SIGNING_KEY: LEDGER_KEY.skey,
  };
  // Each instance names its database sessions (postgres.js reads PGAPPNAME): phase 3 sees when A is inside a batch.
  const envA = { ...env, PGAPPNAME: 'einw-hardening-a' };
  const envB = { ...env, PGAPPNAME: 'einw-hardening-b' };
  servers.push(await startServer(PORT_A, envA), await startServer(PORT_B, envB));

  // 1. 1,000 concurrent submissions over two instances.
  const results = await pool(1000, 100, (i) => submit(i % 2 ? PORT_A : PORT_B, s.tenant.slug, s.token, s.version.id, i));
  const created = results.filter((r) => r.status === 'fulfilled' && r.value.status === 201).length;
  assert(created === 1000, `1,000 concurrent submissions over two instances answered 201 (got ${created})`);
  const events = await withTenant(s.tenant.id, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(consentEvents));
  assert(events[0]!.n === 1000, `exactly 1,000 events in the ledger (got ${events[0]!.n})`);
  await untilSealed(owner, s.tenant.id);
  const v1 = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id));
  assert(v1.ok && v1.events === 1000, `the ledger verifies (${JSON.stringify(v1.firstBreak)})`);

  // 2. kill -9 one instance in the middle of a load run.
  await handle.db.execute(sql`update tenants set evidence_email = 'nachweise@hardening.example' where id = ${s.tenant.id}`);
  const acknowledged: string[] = [];
  const load = pool(300, 10, async (i) => {
    const r = await submit(PORT_A, s.tenant.slug, s.token, s.version.id, 10_000 + i, true);
    if (r.status === 201 && r.body) acknowledged.push(r.body.eventId);
    return r;
  });
  // Let the load and the mail worker get going, then note what is in flight and pull the plug.
  await new Promise((r) => setTimeout(r, 8000));
  const pendingAtCrash = (await withSystem((tx) => tx.select({ n: sql<number>`count(*)::int` }).from(mailOutbox).where(eq(mailOutbox.status, 'pending'))))[0]!.n;
  kill9(servers[0]!);
  // The mails claimed (leased) at the moment of the crash: the killed instance may have sent one of them without
  // recording it, so its re-send after the lease is the only legitimate repeat of an accepted idempotency key.
  const inFlightAtCrash = new Set(
    (await withSystem((tx) => tx.select({ id: mailOutbox.id }).from(mailOutbox).where(sql`${mailOutbox.status} = 'pending' and ${mailOutbox.nextAttemptAt} > now() + interval '30 seconds'`))).map((r) => `outbox-${r.id}`),
  );
  const crashClaims = [...inFlightAtCrash].map((k) => k.replace(/^outbox-/, ''));
  await load;
  assert(acknowledged.length > 0, `${acknowledged.length} submissions were acknowledged before the crash, ${pendingAtCrash} mails were pending`);
  servers[0] = await startServer(PORT_A, envA);
  const ids = new Set((await withTenant(s.tenant.id, (tx) => tx.select({ id: consentEvents.id }).from(consentEvents))).map((r) => r.id));
  assert(acknowledged.every((id) => ids.has(id)), 'every acknowledged submission is in the ledger after the restart');
  await untilSealed(owner, s.tenant.id);
  const v2 = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id));
  assert(v2.ok, `the ledger still verifies (${v2.events} events; ${JSON.stringify(v2.firstBreak)})`);

  // Mails: every evidence mail pending at the crash is delivered after the restart, none twice.
  const deadline = Date.now() + 240_000;
  let pending = Infinity;
  while (Date.now() < deadline) {
    pending = (await withSystem((tx) => tx.select({ n: sql<number>`count(*)::int` }).from(mailOutbox).where(eq(mailOutbox.status, 'pending'))))[0]!.n;
    if (pending === 0) break;
    // Claims of the killed instance run out after their lease; make them due now rather than waiting 2 minutes. Only
    // the claims held at the crash: a live worker's later claim made due would be sent twice by this test itself.
    if (crashClaims.length) {
      await withSystem((tx) =>
        tx.update(mailOutbox).set({ nextAttemptAt: sql`now()` }).where(and(inArray(mailOutbox.id, crashClaims), eq(mailOutbox.status, 'pending'), sql`${mailOutbox.nextAttemptAt} > now() + interval '30 seconds'`)),
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  // What the stub received, every request (not its de-duplicated map): outcomes in all, and per key.
  const outcomes: Partial<Record<StubOutcome, number>> = {};
  for (const r of stub.received) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  console.log(`  stub received ${stub.received.length} requests: ${JSON.stringify(outcomes)}; ${inFlightAtCrash.size} mails were claimed at the crash`);
  if (pending !== 0) {
    const left = await withSystem((tx) => tx.select({ id: mailOutbox.id, lastError: mailOutbox.lastError }).from(mailOutbox).where(eq(mailOutbox.status, 'pending')).limit(3));
    for (const m of left) console.log(`  still pending: outbox-${m.id}: ${m.lastError}; stub outcomes ${stub.received.filter((r) => r.idempotencyKey === `outbox-${m.id}`).map((r) => r.outcome).join(', ')}`);
  }
  assert(pending === 0, 'no mail is left pending');
  const sent = await withSystem((tx) => tx.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.status, 'sent')));
  const sentKeys = sent.map((m) => `outbox-${m.id}`);
  const mailed = ids.size - 1000; // the events of phase 2, each with an evidence mail and the contact's copy
  assert(sent.length === mailed * 2, `every event of the crash run has its two mails sent (${sent.length} for ${mailed} events)`);
  const distinct = new Set(stub.received.filter((r) => r.outcome === 'delivered').map((r) => r.idempotencyKey));
  assert(distinct.size === sent.length, `the stub received ${distinct.size} distinct mails for ${sent.length} sent outbox rows`);
  const problems = deliveryProblems(stub.received, sentKeys, (key) => inFlightAtCrash.has(key));
  const replays = stub.received.filter((r) => r.outcome === 'replayed').length;
  assert(
    problems.length === 0,
    `every mail was delivered exactly once, each request carried its key, no key was sent again with another payload, and the ${replays} re-sent keys were all in flight at the crash${problems.length ? `; problems: ${problems.slice(0, 5).join('; ')} (${problems.length} in all)` : ''}`,
  );
  // 3. kill -9 an instance while its sequencer is inside a batch.
  servers[0] = await killDuringSequencing(owner, servers[0]!, envA);

  // 4. Rate limits are kept in PostgreSQL, so they hold across instances: 24 verifications from one address, spread
  //    over both instances, with a limit of 20 per minute.
  const [anyEvent] = await withSystem((tx) => tx.select({ hash: consentEvents.hash }).from(consentEvents).limit(1));
  const verify = (port: number, from: string) =>
    fetch(`http://127.0.0.1:${port}/verify/${anyEvent!.hash}`, { headers: { 'x-forwarded-for': from, 'x-forwarded-host': PUBLIC_HOST } }).then((r) => r.text());
  // One verification from another address first: it recomputes the whole chain (seconds under load) and caches the
  // verified prefix, so the 24 below are quick and fall into one clock minute (the limit counts per clock minute).
  await verify(PORT_A, '192.0.2.1');
  if (new Date().getSeconds() > 40) await new Promise((r) => setTimeout(r, (61 - new Date().getSeconds()) * 1000));
  let limited = 0;
  const bodies = await Promise.all(Array.from({ length: 24 }, (_, i) => verify(i % 2 ? PORT_A : PORT_B, '192.0.2.77')));
  // The rendered alert, not the message catalogue that every page also carries.
  for (const body of bodies) if (/role="alert">Zu viele Prüfungen/.test(body)) limited++;
  assert(limited === 4, `the per-address limit held across both instances (${limited} of 24 refused, limit 20)`);

  // 5. The servers' logs carry no personal data and no tokens.
  const logText = serverLog.join('');
  assert(!/\+4917\d{6,}/.test(logText) && !logText.includes('Last ') && !logText.includes('@example.com') && !logText.includes(s.token), `no phone number, name, e-mail or token in ${logText.length} bytes of server log`);
  await handle.close();
} finally {
  for (const s of servers) kill9(s);
  await stub.close();
  if (owner !== admin) await owner.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
console.log('multi-instance hardening: all checks passed');
process.exit(0);
