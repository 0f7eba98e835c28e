// The transparency log (issue #16, docs/ledger.md) on PostgreSQL, side by side in one run (bench/run.sh, part ledger):
//   sequencer  BENCH_SEQ_EVENTS (50,000) v3 events of one tenant queued by COPY (bench/ledger-load.ts), then
//              sequencePass() until the queue is empty, timed: events/s (target ≥ 5,000/s), the process's CPU beside the
//              wall time (the rest is waiting for PostgreSQL), then seq 1..n contiguous and the stored root = the root
//              recomputed from the entries. Own database, dropped after. Run with node --cpu-prof for a profile.
//   links      adds BENCH_LINKS - 1 invite links to tenant 0 of a bench/seed.ts database (real tenants have several; the
//              link's use counter is a row lock held to the commit) and writes the targets with every link's token.
//   endpoint   against `npm start`'s server.mjs with the sequencer running (MAIL_WORKER=1, no evidence addresses: no mail):
//              - after a warm-up past one autovacuum naptime (BENCH_WARMUP, 65 s): one tenant alone (one link ·
//                BENCH_LINKS links) vs 50 tenants mixed, 50 connections, interleaved BENCH_ROUNDS times, the order
//                rotated each round (target one / mixed ≥ 0.95, medians)
//              - paced open loop (bench/open-loop.ts) at 80 % of one tenant's measured capacity (its several-links
//                runs, median): response p99 (< 100 ms) and submission → in a signed checkpoint, p50/p99 (< 1 s): every
//                10 ms this process reads the tenant's latest checkpoint size; an event is sealed at the first reading
//                whose size covers its seq; the submission time is the request's scheduled send time.
//              - afterwards: every 201 sealed, seq contiguous, root recomputed = stored root.
// Load average with every figure (the machine is shared). When the server runs with autovacuum off, the bench runs it
// for the endpoint's database (bench/autovacuum.ts), as a production server would. One JSON line on stdout, progress on stderr.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { asc, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migratePostgres, openPostgres, setDbHandle } from '@/db';
import { consentEvents, ledgerQueue, ledgerTrees } from '@/db/schema';
import { eventEntry } from '@/lib/consent/event-hash';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { sequencePass } from '@/lib/ledger/sequencer-worker';
import { generateNoteKey } from '@/lib/ledger/tlog/note';
import { insertInviteLink } from '@/lib/seed/seed-content';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { startAutovacuumStandIn } from './autovacuum';
import { BulkTree, SPAN_MS, loadTenant } from './ledger-load';
import { pacedPosts, pct } from './open-loop';

process.env.AUTH_SECRET ??= 'bench-secret-not-for-production';
process.env.LEDGER_SIGNING_KEY ??= generateNoteKey('bench.invalid').skey;
const say = (s: string) => console.error(`[tlog] ${s}`);
const load = () => os.loadavg().map((x) => Math.round(x * 10) / 10);
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The tenant's log as stored against its entries: every event sealed, seq 1..n, stored root = recomputed root. */
async function checkLog(tenantId: string) {
  return withTenant(tenantId, async (tx) => {
    const events = await tx.select().from(consentEvents).where(eq(consentEvents.tenantId, tenantId)).orderBy(asc(consentEvents.seq));
    const queued = await tx.select().from(ledgerQueue).where(eq(ledgerQueue.tenantId, tenantId));
    const [tree] = await tx.select().from(ledgerTrees).where(eq(ledgerTrees.tenantId, tenantId));
    const t = new BulkTree();
    let contiguous = true;
    for (const [i, e] of events.entries()) {
      if (e.seq !== i + 1) contiguous = false;
      t.add(eventEntry(e));
    }
    const rootOk = !!tree && tree.size === events.length && Buffer.compare(Buffer.from(tree.root), t.finish().root) === 0;
    return { events: events.length, queued: queued.length, contiguous, rootOk, ok: contiguous && rootOk && queued.length === 0 };
  });
}

/**
 * CPU seconds (user + system) the PostgreSQL backends of database `db` have used, by pid, from /proc (the server on
 * this machine): load-independent, unlike wall time on a shared machine. Null when /proc does not show them.
 */
async function backendCpu(pg: postgres.Sql, db: string): Promise<Map<number, number> | null> {
  const rows = await pg`select pid from pg_stat_activity where datname = ${db} and backend_type = 'client backend'`;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const file = `/proc/${pid}/stat`;
    if (!existsSync(file)) return null;
    const fields = readFileSync(file, 'utf8').replace(/^.*\) /, '').split(' ');
    out.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / 100); // utime, stime in clock ticks (USER_HZ 100)
  }
  return out;
}
const cpuDelta = (before: Map<number, number> | null, after: Map<number, number> | null) =>
  before && after ? [...after].reduce((sum, [pid, s]) => sum + s - (before.get(pid) ?? 0), 0) : null;

// ---------- sequencer alone ----------
async function sequencerPart() {
  const N = Number(process.env.BENCH_SEQ_EVENTS ?? 50_000);
  if (!(N >= 256 && N <= 5_000_000)) throw new Error('bad BENCH_SEQ_EVENTS');
  const base = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `einw_bench_tlog_${Date.now()}_${process.pid}`;
  const url = `${base.replace(/\/[^/]*$/, '')}/${dbName}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migratePostgres(url);
    const handle = await openPostgres(url);
    setDbHandle(handle);
    const s = await seedTenantWithLink('tlog-seq');
    const t0 = performance.now();
    await loadTenant(pg, { id: s.tenant.id, versionId: s.version.id, noticeHash: s.version.textHash!, links: [s.linkId] }, N, Date.now() - SPAN_MS, 'queued');
    await pg`vacuum analyze consent_events`;
    await pg`vacuum analyze ledger_queue`;
    say(`queued ${N} v3 events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // Open the pool's connections first, so every backend the passes use is counted from before them.
    await Promise.all(Array.from({ length: 10 }, () => withTenant(s.tenant.id, (tx) => tx.execute(sql`select pg_sleep(0.05)`))));
    const pgCpu0 = await backendCpu(pg, dbName);
    const loadBefore = load();
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    let sealed = 0;
    let passes = 0;
    for (let n = await sequencePass(); n > 0; n = await sequencePass()) {
      sealed += n;
      passes++;
    }
    const seconds = (performance.now() - w0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const nodeCpuS = (cpu.user + cpu.system) / 1e6;
    const pgCpuS = cpuDelta(pgCpu0, await backendCpu(pg, dbName));
    const check = await checkLog(s.tenant.id);
    const [{ checkpoints }] = (await pg`select count(*)::int as checkpoints from ledger_checkpoints where tenant_id = ${s.tenant.id}`) as unknown as [{ checkpoints: number }];
    await handle.close();
    const result = {
      events: N,
      sealed,
      passes,
      checkpoints,
      seconds: r2(seconds),
      eventsPerSec: Math.round(sealed / seconds),
      nodeCpuS: r2(nodeCpuS),
      nodeCpuShare: r2(nodeCpuS / seconds),
      // PostgreSQL backends' CPU over the passes: with node's, the CPU an event costs wherever it runs
      pgCpuS: pgCpuS === null ? null : r2(pgCpuS),
      cpuMsPerEvent: pgCpuS === null ? null : Math.round(((nodeCpuS + pgCpuS) * 1e6) / sealed) / 1000,
      eventsPerCpuSecond: pgCpuS === null ? null : Math.round(sealed / (nodeCpuS + pgCpuS)),
      perBatchMs: r2((seconds * 1000) / checkpoints),
      check,
      load: { before: loadBefore, after: load() },
    };
    say(`sequencer: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await pg.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

// ---------- more links for tenant 0 ----------
type Target = { slug: string; token: string; noticeVersionId: string; tokens?: string[] };

async function linksPart() {
  const targets = JSON.parse(readFileSync(process.env.TARGETS ?? '', 'utf8')) as Target[];
  const links = Number(process.env.BENCH_LINKS ?? 10);
  const url = process.env.DATABASE_URL!;
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  const handle = await openPostgres(url, { max: 2 });
  setDbHandle(handle);
  const [row] = await pg`select l.tenant_id, l.notice_id from invite_links l join tenants t on t.id = l.tenant_id where t.slug = ${targets[0]!.slug}`;
  const tokens = [targets[0]!.token];
  for (let i = 1; i < links; i++) {
    const l = await withSystem((tx) => insertInviteLink(tx, { tenantId: String(row!.tenant_id), noticeId: String(row!.notice_id), label: `Bench ${i}`, createdBy: null }));
    tokens.push(l.token);
  }
  await handle.close();
  await pg.end({ timeout: 5 });
  targets[0] = { ...targets[0]!, tokens };
  process.stdout.write(JSON.stringify(targets) + '\n');
}

// ---------- the consent endpoint with the sequencer running ----------
type Built = { path: string; headers: Record<string, string>; body: string; key: string };
let n = 0;
function request(t: Target, token: string): Built {
  n++;
  const key = randomUUID();
  const body = { decision: 'opt_in', noticeVersionId: t.noticeVersionId, confirmed: '1', name: `Bench Kunde ${n}`, phone: `+49152${String(n).padStart(8, '0')}`, idempotencyKey: key, locale: 'de' };
  return {
    path: `/api/public/consent/${t.slug}/${token}`,
    headers: { 'content-type': 'application/json', 'user-agent': 'einwilligung-bench', 'x-forwarded-for': `198.51.100.${(n % 250) + 1}` },
    body: JSON.stringify(body),
    key,
  };
}

type Run = { name: string; reqPerSec: number; ok: number; failed: number; p50: number; p99: number; load: number[] };
function cannon(name: string, base: string, connections: number, duration: number, build: () => Built): Promise<Run> {
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      { url: base, connections, duration, timeout: 10, requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...build() }) }] },
      (err: Error | null, r: autocannon.Result) => {
        clearTimeout(guard);
        if (err) return reject(err);
        const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => [c, s.count ?? 0]));
        const ok = codes['201'] ?? 0;
        const total = Object.values(codes).reduce((a, b) => a + b, 0);
        const run = { name, reqPerSec: Math.round(ok / r.duration), ok, failed: total - ok + r.errors, p50: r.latency.p50, p99: r.latency.p99, load: load() };
        say(`${name.padEnd(28)} ${String(run.reqPerSec).padStart(5)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  failed ${run.failed}  load ${run.load.join(' ')}`);
        resolve(run);
      },
    ) as autocannon.Instance & { stop: () => void };
    const guard = setTimeout(() => inst.stop(), (duration + 30) * 1000);
  });
}

async function endpointPart() {
  const base = process.env.NEXT_URL ?? '';
  if (new URL(base).hostname !== '127.0.0.1') throw new Error('only 127.0.0.1 is a target');
  const targets = JSON.parse(readFileSync(process.env.TARGETS ?? '', 'utf8')) as Target[];
  const D = Number(process.env.BENCH_DURATION ?? 20);
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const t0 = targets[0]!;
  const tokens = t0.tokens ?? [t0.token];
  const mixed = targets.slice(1, 51);
  let i = 0;
  const oneLink = () => request(t0, t0.token);
  const manyLinks = () => request(t0, tokens[i++ % tokens.length]!);
  const mixedReq = () => {
    const t = mixed[i++ % mixed.length]!;
    return request(t, t.token);
  };
  const pg = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  const [{ id: tenantId }] = (await pg`select id from tenants where slug = ${t0.slug}`) as unknown as [{ id: string }];
  const autovacuum = await startAutovacuumStandIn(process.env.DATABASE_URL!, say);

  // Warm-up to a steady state: the seeded database starts with a few events per tenant and its statistics say so; one
  // tenant grows a hundredfold in the first minute. Past one autovacuum naptime (the server's, or bench/autovacuum.ts)
  // the statistics are the grown tables', as on any database that has been running. BENCH_WARMUP seconds (65).
  const warm = Number(process.env.BENCH_WARMUP ?? 65);
  await cannon('warmup one', base, 50, Math.max(1, Math.round(warm * 0.7)), oneLink);
  await cannon('warmup mixed', base, 50, Math.max(1, Math.round(warm * 0.3)), mixedReq);
  const runs: Run[] = [];
  // Each round starts one kind later than the one before (with 3 rounds each kind runs once first, once second, once
  // last): measured with a fixed order, whichever ran first in a round was slower in every round (158 vs 194 req/s in
  // round 1), so the ratio measured the order as much as the tenants.
  const kinds: [string, () => Built][] = [
    ['one_1link', oneLink],
    [`one_${tokens.length}links`, manyLinks],
    ['mixed50', mixedReq],
  ];
  for (let round = 1; round <= ROUNDS; round++) {
    for (let k = 0; k < kinds.length; k++) {
      const [name, build] = kinds[(round - 1 + k) % kinds.length]!;
      runs.push(await cannon(`${name}_c50_r${round}`, base, 50, D, build));
    }
  }
  const med = (prefix: string) => median(runs.filter((r) => r.name.startsWith(prefix)).map((r) => r.reqPerSec));
  const capacity = { oneLink: med('one_1link'), manyLinks: med(`one_${tokens.length}links`), mixed: med('mixed50') };
  const ratios = { oneLinkVsMixed: r2(capacity.oneLink / capacity.mixed), manyLinksVsMixed: r2(capacity.manyLinks / capacity.mixed) };
  say(`capacity ${JSON.stringify(capacity)} ratios ${JSON.stringify(ratios)}`);

  // Let the sequencer catch up before the paced run (its backlog would count against the first submissions).
  await drained(pg, 120);
  const rate = Math.max(1, Math.round(0.8 * capacity.manyLinks));
  const due = new Map<string, number>();
  const observed: { at: number; size: number }[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const [row] = await pg`select max(size)::int as size from ledger_checkpoints where tenant_id = ${tenantId}`;
      observed.push({ at: performance.now(), size: Number(row?.size ?? 0) });
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  // A lead-in at the same rate, answered but not counted: the measured window starts in the steady state of that rate,
  // not in the recovery from the closed-loop runs before it (measured without it: the first 5 s had per-second p99s
  // of 83–158 ms, the rest 19–67 ms, one second 163 ms). Its own figures are reported beside.
  const leadS = Number(process.env.BENCH_PACED_LEADIN ?? 5);
  const lead = leadS > 0 ? await pacedPosts(base, rate, leadS, manyLinks) : null;
  const leadIn = lead && { seconds: leadS, sent: lead.sent, p50: r1(pct(lead.latencies, 50)), p99: r1(pct(lead.latencies, 99)), statusCodes: lead.statusCodes };
  if (leadIn) say(`paced lead-in ${leadS} s at ${rate}/s (not counted): ${JSON.stringify(leadIn)}`);
  const loadBefore = load();
  const pacedFrom = performance.now();
  const run = await pacedPosts(base, rate, D, () => {
    const b = manyLinks();
    due.set(b.key, performance.now());
    return b;
  });
  const loadAfter = load();
  // Where the slow answers were: the response p99 of each second of the run (by send time).
  const bySecond = new Map<number, number[]>();
  for (const [at, ms] of run.trace) {
    const second = Math.floor(at / 1000);
    const xs = bySecond.get(second);
    if (xs) xs.push(ms);
    else bySecond.set(second, [ms]);
  }
  const secondsP99 = [...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([, xs]) => r1(pct(xs.sort((a, b) => a - b), 99)));
  say(`paced: response p99 of each second: ${secondsP99.join(' ')}`);
  // The stand-in's VACUUM/ANALYZE runs that overlapped the measured window (a production autovacuum would run too).
  const vacuumsDuring = autovacuum.runs
    .filter((v) => v.at < pacedFrom + run.seconds * 1000 && v.at + v.ms > pacedFrom)
    .map((v) => ({ atS: r1((v.at - pacedFrom) / 1000), ms: Math.round(v.ms), rel: v.rel, what: v.what }));
  say(`paced: autovacuum runs in the window: ${JSON.stringify(vacuumsDuring)}`);
  await drained(pg, 60);
  await new Promise((r) => setTimeout(r, 100));
  polling = false;
  await poller;
  const seqs = await pg`select idempotency_key, seq from consent_events where tenant_id = ${tenantId} and idempotency_key = any(${[...due.keys()]})`;
  const sealLatencies: number[] = [];
  let unsealed = 0;
  for (const row of seqs) {
    const seq = row.seq === null ? null : Number(row.seq);
    const at = seq === null ? undefined : observed.find((o) => o.size >= seq)?.at;
    if (at === undefined) unsealed++;
    else sealLatencies.push(at - due.get(String(row.idempotency_key))!);
  }
  sealLatencies.sort((a, b) => a - b);
  const ok201 = run.statusCodes['201'] ?? 0;
  const paced = {
    rate,
    seconds: r1(run.seconds),
    sent: run.sent,
    ok: ok201,
    statusCodes: run.statusCodes,
    response: { p50: r1(pct(run.latencies, 50)), p99: r1(pct(run.latencies, 99)), max: r1(run.latencies.at(-1) ?? NaN) },
    sealed: { events: sealLatencies.length, unsealed, p50: r1(pct(sealLatencies, 50)), p99: r1(pct(sealLatencies, 99)), max: r1(sealLatencies.at(-1) ?? NaN) },
    pollReadings: observed.length,
    secondsP99,
    leadIn,
    vacuumsDuring,
    load: { before: loadBefore, after: loadAfter },
  };
  say(`paced ${rate}/s: ${JSON.stringify(paced)}`);
  const vacuumed = await autovacuum.stop();
  say(`autovacuum ${JSON.stringify(vacuumed)}`);
  const handle = await openPostgres(process.env.DATABASE_URL!, { max: 2 });
  setDbHandle(handle);
  const check = await checkLog(tenantId);
  await handle.close();
  await pg.end({ timeout: 5 });
  say(`log of tenant 0 after the runs: ${JSON.stringify(check)}`);
  return { durationS: D, rounds: ROUNDS, links: tokens.length, runs, capacity, ratios, paced, check, autovacuum: vacuumed };
}

/** Waits until the queue is empty (the sequencer caught up), at most `seconds`. */
async function drained(pg: postgres.Sql, seconds: number) {
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const [{ n: left }] = (await pg`select count(*)::int as n from ledger_queue`) as unknown as [{ n: number }];
    if (left === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  say(`! the queue did not drain within ${seconds} s`);
}

const part = process.argv[2];
const out = part === 'sequencer' ? await sequencerPart() : part === 'endpoint' ? await endpointPart() : part === 'links' ? await linksPart() : undefined;
if (part !== 'links') {
  if (!out) throw new Error('usage: ledger-tlog.ts sequencer | links | endpoint');
  process.stdout.write(JSON.stringify({ at: new Date().toISOString(), [part!]: out }) + '\n');
}
