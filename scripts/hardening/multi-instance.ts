// Hardening: two `next start` instances on one PostgreSQL database.
//  1. 1,000 concurrent submissions spread over both → exactly 1,000 events, one valid chain.
//  2. kill -9 one instance during a load run, restart it → every submission that got a 2xx is in the ledger, and
//     every queued mail is delivered (to a local Resend stub) exactly once: checked on every request the stub received,
//     per idempotency key (a key re-sent only if its mail was in flight at the crash, and then with the same payload).
// Needs DATABASE_URL (a server; a fresh database is created and dropped) and a production build (`next build`).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migratePostgres, openPostgres, setDbHandle } from '../../db/index';
import { consentEvents, mailOutbox } from '../../db/schema';
import { verifyChain } from '../../lib/consent/verify-chain';
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

/** Everything the servers print; checked for personal data and tokens at the end. */
const serverLog: string[] = [];

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(`FAILED: ${msg}`);
  console.log(`ok - ${msg}`);
}

async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  // Its own process group, so a kill reaches the next-server process that `next start` forks.
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
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
  throw new Error(`server on ${port} did not start`);
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

const admin = postgres(base, { max: 1, onnotice: () => {} });
const dbName = `einw_hard_${Date.now()}`;
await admin.unsafe(`create database ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const stub = await startResendStub();
const servers: ChildProcess[] = [];
try {
  await migratePostgres(url.toString());
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
  };
  servers.push(await startServer(PORT_A, env), await startServer(PORT_B, env));

  // 1. 1,000 concurrent submissions over two instances.
  const results = await pool(1000, 100, (i) => submit(i % 2 ? PORT_A : PORT_B, s.tenant.slug, s.token, s.version.id, i));
  const created = results.filter((r) => r.status === 'fulfilled' && r.value.status === 201).length;
  assert(created === 1000, `1,000 concurrent submissions over two instances answered 201 (got ${created})`);
  const events = await withTenant(s.tenant.id, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(consentEvents));
  assert(events[0]!.n === 1000, `exactly 1,000 events in the ledger (got ${events[0]!.n})`);
  const v1 = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id));
  assert(v1.ok && v1.events === 1000, 'the chain verifies');

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
  servers[0] = await startServer(PORT_A, env);
  const ids = new Set((await withTenant(s.tenant.id, (tx) => tx.select({ id: consentEvents.id }).from(consentEvents))).map((r) => r.id));
  assert(acknowledged.every((id) => ids.has(id)), 'every acknowledged submission is in the ledger after the restart');
  const v2 = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id));
  assert(v2.ok, `the chain still verifies (${v2.events} events)`);

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
  // 3. Rate limits are kept in PostgreSQL, so they hold across instances: 24 verifications from one address, spread
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

  // 4. The servers' logs carry no personal data and no tokens.
  const logText = serverLog.join('');
  assert(!/\+4917\d{6,}/.test(logText) && !logText.includes('Last ') && !logText.includes('@example.com') && !logText.includes(s.token), `no phone number, name, e-mail or token in ${logText.length} bytes of server log`);
  await handle.close();
} finally {
  for (const s of servers) kill9(s);
  await stub.close();
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
console.log('multi-instance hardening: all checks passed');
process.exit(0);
