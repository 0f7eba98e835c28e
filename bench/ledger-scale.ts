// Ledger at scale (real PostgreSQL only; heavy, not in CI). In a fresh database einw_bench_ledger_* on BENCH_PG:
// 1. bulk-loads BENCH_EVENTS (1,000,000) events for one tenant and BENCH_OTHER (100,000) for each of 9 more, with their
//    contacts and identity versions: COPY through postgres.js as the table owner (bench/ledger-load.ts), every chain
//    valid (lib/consent/event-hash), and since migration 0008 each tenant's transparency log built in the same pass
//    (tiles, tree row, one signed checkpoint — what the sequencer would have left), so verifyChain's tree comparison
//    and the proofs hold. The append-only trigger fires on UPDATE/DELETE/TRUNCATE only, so COPY (an insert) needs no
//    trigger disabled; FK and unique checks stay on. Then VACUUM ANALYZE (what autovacuum would do).
// 2. times the dashboard's queries through the lib functions, each in its own withTenant transaction (RLS role), as the
//    pages call them: BENCH_QUERY_RUNS (30) runs after 2 warm-ups, at most 60 s per query; p50/p95/max. Keyset pages
//    at the oldest end and in the middle (the planner treats them differently); searches that match one contact,
//    thousands (4 digits common to many numbers, a common name) and none; receiptProofFor (inclusion proof + checkpoint,
//    issue #16: p95 < 5 ms at 1M) of events spread over the tree, one of them verified. Prints EXPLAIN (ANALYZE, BUFFERS) of the
//    slowest list query and of every list query over the 50 ms target.
// 3. the streamed CSV export of all the big tenant's rows (ledgerCsv), verifyChain over its events and the full audit
//    (lib/ledger/audit.ts auditLedger, issue #16: < 10 s at 1M), each in a fresh child process so its peak RSS is its own.
// The database is dropped at the end unless BENCH_KEEP_DB=1; BENCH_DB_URL=<a kept one> skips step 1 and times 2 and 3
// again there (its biggest tenant). Progress on stderr, one JSON line on stdout.
//   BENCH_EVENTS=20000 BENCH_OTHER=2000 npx tsx bench/ledger-scale.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { migratePostgres, openPostgres, setDbHandle } from '@/db';
import { verifyChain } from '@/lib/consent/verify-chain';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { ledgerCsv } from '@/lib/ledger/export-csv';
import { PAGE_SIZE, ledgerQuery, listEvents, resolveSearch } from '@/lib/ledger/list-events';
import { decodeCursor, encodeCursor, type LedgerFilter } from '@/lib/ledger/schemas';
import { weeklyCounts } from '@/lib/ledger/stats';
import { insertInviteLink } from '@/lib/seed/seed-content';
import { eventAtIndex, receiptProofFor } from '@/lib/ledger/log-store';
import { generateNoteKey } from '@/lib/ledger/tlog/note';
import { verifyReceiptProof } from '@/lib/ledger/tlog/receipt-proof';
import { ledgerSigner } from '@/lib/ledger/signing';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { SPAN_MS, type Tenant, contact, contactCount, loadTenant } from './ledger-load';

process.env.AUTH_SECRET ??= 'bench-secret-not-for-production'; // contact token hashes are derived from it
// The checkpoints the load signs, and the children's proofs: one key for the whole run (not one in $DATA_DIR).
process.env.LEDGER_SIGNING_KEY ??= generateNoteKey('bench.invalid').skey;
const mb = (kb: number) => Math.round(kb / 1024);
const say = (s: string) => console.error(`[ledger] ${s}`);

// ---------- children: CSV export and chain verification, each measured alone ----------
async function child(kind: string, url: string, tenantId: string) {
  const handle = await openPostgres(url, { max: 2 });
  setDbHandle(handle);
  const rssBeforeMb = Math.round(process.memoryUsage().rss / 1048576);
  const t = performance.now();
  let out: Record<string, unknown>;
  if (kind === 'csv') {
    const sink = createWriteStream('/dev/null');
    let bytes = 0;
    let lines = 0;
    await withTenant(tenantId, async (tx) => {
      for await (const chunk of ledgerCsv(tx, tenantId, {})) {
        bytes += Buffer.byteLength(chunk);
        lines += chunk.split('\r\n').length - 1;
        if (!sink.write(chunk)) await once(sink, 'drain');
      }
    });
    sink.end();
    out = { rows: lines - 1, mb: Math.round(bytes / 1048576) };
  } else if (kind === 'audit') {
    out = await runAudit(tenantId);
  } else {
    const v = await withTenant(tenantId, (tx) => verifyChain(tx, tenantId));
    out = { ok: v.ok, events: v.events, firstBreak: v.firstBreak };
  }
  const seconds = Math.round((performance.now() - t) / 100) / 10;
  await handle.close();
  process.stdout.write(JSON.stringify({ ...out, seconds, rssBeforeMb, peakRssMb: mb(process.resourceUsage().maxRSS) }));
}

/**
 * The full audit (issue #16: recompute every tree node, checkpoint and commitment; target < 10 s at 1M) through
 * lib/ledger/audit.ts (written beside this bench): if it is missing or its entry point changed, the result says TODO.
 */
async function runAudit(tenantId: string): Promise<Record<string, unknown>> {
  const file = fileURLToPath(new URL('../lib/ledger/audit.ts', import.meta.url));
  if (!existsSync(file)) return { todo: 'TODO(#16): lib/ledger/audit.ts does not exist yet — full audit not timed' };
  const mod = (await import(file)) as { auditLedger?: (tx: unknown, tenantId: string) => Promise<Record<string, unknown>> };
  if (typeof mod.auditLedger !== 'function') return { todo: 'TODO(#16): lib/ledger/audit.ts has no auditLedger(tx, tenantId): wire its entry point here' };
  const r = await withTenant(tenantId, (tx) => mod.auditLedger!(tx, tenantId));
  return { ok: r.ok, events: r.events, complete: r.complete, checkpoints: r.checkpoints, identities: r.identities, firstProblem: r.firstProblem };
}

/** `npm run ledger:audit -- --tenant <id> --json` as a user runs it: its own reported audit time, and the process's wall time. */
function runAuditCli(url: string, tenantId: string): Record<string, unknown> {
  const cli = fileURLToPath(new URL('../scripts/ledger-audit.ts', import.meta.url));
  if (!existsSync(cli)) return { todo: 'TODO(#16): scripts/ledger-audit.ts (npm run ledger:audit) does not exist yet' };
  const t = performance.now();
  const r = spawnSync(process.execPath, [...process.execArgv, cli, '--tenant', tenantId, '--json'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 30 * 60_000 });
  const wallS = Math.round((performance.now() - t) / 100) / 10;
  try {
    const j = JSON.parse(r.stdout) as { ok: boolean; events: number; seconds: number; firstProblem: unknown; evidence: unknown[] };
    return { exitCode: r.status, ok: j.ok, events: j.events, seconds: Math.round(j.seconds * 10) / 10, processWallS: wallS, firstProblem: j.firstProblem, evidence: j.evidence?.length };
  } catch {
    return { exitCode: r.status, error: `unreadable output: ${(r.stdout || r.stderr).slice(0, 300)}`, processWallS: wallS };
  }
}

function runChild(kind: string, url: string, tenantId: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), kind, url, tenantId], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    timeout: 30 * 60_000,
  });
  return JSON.parse(out) as Record<string, unknown>;
}

// ---------- query timing ----------
type QueryStat = { name: string; runs: number; rows: number; p50: number; p95: number; max: number };
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)]!;

async function time(name: string, runs: number, fn: () => Promise<number>): Promise<QueryStat> {
  let rows = 0;
  for (let i = 0; i < 2; i++) rows = await fn();
  const times: number[] = [];
  const deadline = performance.now() + 60_000;
  while (times.length < runs && performance.now() < deadline) {
    const t = performance.now();
    rows = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  const stat = { name, runs: times.length, rows, p50: r(pct(times, 50)), p95: r(pct(times, 95)), max: r(times.at(-1)!) };
  say(`${name.padEnd(34)} p50 ${String(stat.p50).padStart(8)} ms  p95 ${String(stat.p95).padStart(8)} ms  (${stat.runs} runs, ${rows} rows)`);
  return stat;
}

async function main() {
  const reuse = process.env.BENCH_DB_URL;
  let N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  let OTHER = Number(process.env.BENCH_OTHER ?? 100_000);
  const RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 30);
  if (!(N >= 100 && N <= 20_000_000 && OTHER >= 0 && OTHER <= 5_000_000 && RUNS >= 1 && RUNS <= 1000)) throw new Error('bad BENCH_EVENTS/BENCH_OTHER/BENCH_QUERY_RUNS');
  const base = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `einw_bench_ledger_${Date.now()}_${process.pid}`;
  const url = reuse ?? `${base.replace(/\/[^/]*$/, '')}/${dbName}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  if (!reuse) await admin.unsafe(`create database ${dbName}`);
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  try {
    if (!reuse) await migratePostgres(url);
    const handle = await openPostgres(url);
    setDbHandle(handle);
    let loadS = 0;
    let vacuumS = 0;
    const tenants: Tenant[] = [];
    if (reuse) {
      const counts = await pg`select tenant_id, count(*)::int as n from consent_events group by 1 order by 2 desc`;
      const links = await pg`select id from invite_links where tenant_id = ${counts[0]!.tenant_id} order by created_at, label`;
      tenants.push({ id: String(counts[0]!.tenant_id), versionId: '', noticeHash: '', links: links.map((l) => String(l.id)) });
      [N, OTHER] = [Number(counts[0]!.n), Number(counts[1]?.n ?? 0)];
      say(`reusing ${url}: ${N} events in the biggest tenant`);
    } else {
      // Tenants with a published notice and five invite links each, through the test fixtures.
      for (let i = 0; i < (OTHER > 0 ? 10 : 1); i++) {
        const s = await seedTenantWithLink(`ledger-${i}`);
        const links = [s.linkId];
        for (let l = 1; l < 5; l++) links.push((await withSystem((tx) => insertInviteLink(tx, { tenantId: s.tenant.id, noticeId: s.noticeId, label: `Link ${l}`, createdBy: null }))).id);
        tenants.push({ id: s.tenant.id, versionId: s.version.id, noticeHash: s.version.textHash!, links });
      }
      const start = Date.now() - SPAN_MS;
      const t0 = performance.now();
      for (const [i, t] of tenants.entries()) {
        const n = i === 0 ? N : OTHER;
        const t1 = performance.now();
        await loadTenant(pg, t, n, start, 'sealed');
        say(`loaded tenant ${i}: ${n} events in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      }
      loadS = (performance.now() - t0) / 1000;
      const t2 = performance.now();
      await pg`vacuum analyze consent_events`;
      await pg`vacuum analyze contacts`;
      await pg`vacuum analyze ledger_tiles, ledger_checkpoints, ledger_trees`; // the bulk-built tree, as autovacuum would
      vacuumS = (performance.now() - t2) / 1000;
    }
    const [{ size }] = (await pg`select pg_size_pretty(pg_total_relation_size('consent_events')) as size`) as unknown as [{ size: string }];
    if (!reuse) say(`load ${loadS.toFixed(1)} s (${Math.round((N + 9 * OTHER) / loadS)} events/s), vacuum analyze ${vacuumS.toFixed(1)} s, consent_events ${size}`);

    // The queries, on the big tenant.
    const big = tenants[0]!;
    const [near] = await pg`select occurred_at, id from consent_events where tenant_id = ${big.id} and seq = ${Math.min(N, 100)}`;
    const [mid] = await pg`select occurred_at, id from consent_events where tenant_id = ${big.id} and seq = ${Math.floor(N / 2)}`;
    const from = new Date(mid!.occurred_at as Date);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const phone = contact(big.id, Math.floor(contactCount(N) / 2)).phone; // +4915100xxxxxx, searched as 0151 …
    // 4 digits of the middle contact's number: every number with them, thousands at 1M (the id lookup's worst case)
    const common = phone.slice(-5, -1);
    const filters: [string, LedgerFilter][] = [
      ['listEvents first page', {}],
      ['listEvents deep keyset page (end)', { cursor: encodeCursor({ occurredAt: new Date(near!.occurred_at as Date), id: String(near!.id) }) }],
      ['listEvents keyset page (middle)', { cursor: encodeCursor({ occurredAt: from, id: String(mid!.id) }) }],
      ['listEvents filter by link', { link: big.links[2] }],
      ['listEvents date range (30 days)', { from: day(from), to: day(new Date(from.getTime() + 30 * 86_400_000)) }],
      ['listEvents search by phone', { q: `0${phone.slice(3, 6)} ${phone.slice(6)}` }],
      [`listEvents search 4 digits (${common})`, { q: common }],
      ['listEvents search name (common)', { q: 'anna' }],
      ['listEvents search full name', { q: 'Lea Weber' }],
      ['listEvents search, no match', { q: '0170 9999 9999' }],
    ];
    const queries: QueryStat[] = [];
    for (const [name, f] of filters) queries.push(await time(name, RUNS, async () => (await withTenant(big.id, (tx) => listEvents(tx, big.id, f))).rows.length));
    queries.push(await time('weeklyCounts (dashboard, 12 weeks)', RUNS, async () => (await withTenant(big.id, (tx) => weeklyCounts(tx, big.id))).length));

    // Inclusion proofs (issue #16, target p95 < 5 ms at 1M): receiptProofFor of events spread over the tree, each in its
    // own tenant transaction as a receipt download calls it (event already loaded: the receipt has it); one verified.
    const proofEvents = await withTenant(big.id, async (tx) => {
      const out = [];
      for (let i = 0; i < 64; i++) out.push((await eventAtIndex(tx, big.id, Math.floor(((i + 0.5) * N) / 64)))!);
      return out;
    });
    let proofCalls = 0;
    const proofOf = () => withTenant(big.id, (tx) => receiptProofFor(tx, proofEvents[proofCalls++ % proofEvents.length]!));
    const sample = await proofOf();
    const proofCheck = verifyReceiptProof(sample!, { verifierKeys: [ledgerSigner().vkey] });
    if (!proofCheck.ok) throw new Error(`the inclusion proof at 1M does not verify: ${JSON.stringify(proofCheck.checks)}`);
    const proof = await time("receiptProofFor (inclusion proof + checkpoint)", Math.max(RUNS, 200), async () => ((await proofOf()) ? 1 : 0));

    const lists = queries.slice(0, filters.length);
    const slowest = lists.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const explain = (name: string) =>
      withTenant(big.id, async (tx) => {
        const f = filters.find(([n]) => n === name)![1];
        const q = ledgerQuery(tx, big.id, f, decodeCursor(f.cursor), PAGE_SIZE + 1, await resolveSearch(tx, f));
        const rows = (await tx.execute(dsql`explain (analyze, buffers) ${q}`)) as unknown as Record<string, string>[];
        // a search's contact ids come as one array of up to 5,000 uuids: shown as their count
        return rows.map((r) => r['QUERY PLAN']!.replace(/'\{[0-9a-f,-]{200,}\}'/g, (m) => `'{<${m.split(',').length} contact ids>}'`)).join('\n');
      });
    const plan = await explain(slowest.name);
    say(`EXPLAIN (ANALYZE, BUFFERS) of the slowest, "${slowest.name}":\n${plan}`);
    const overTarget: { name: string; plan: string }[] = [];
    for (const q of lists.filter((x) => x.p95 >= 50 && x !== slowest)) {
      overTarget.push({ name: q.name, plan: await explain(q.name) });
      say(`EXPLAIN (ANALYZE, BUFFERS), over 50 ms p95, "${q.name}":\n${overTarget.at(-1)!.plan}`);
    }
    await handle.close();

    say('CSV export of all rows (child process) …');
    const csv = runChild('csv', url, big.id);
    say(`csv ${JSON.stringify(csv)}`);
    say('verifyChain (child process) …');
    const verify = runChild('verify', url, big.id);
    say(`verify ${JSON.stringify(verify)}`);
    say('audit (child process) …');
    const audit = runChild('audit', url, big.id);
    say(`audit ${JSON.stringify(audit)}`);
    say('npm run ledger:audit (its own process) …');
    const auditCli = runAuditCli(url, big.id);
    say(`ledger:audit ${JSON.stringify(auditCli)}`);

    const [settings] = await pg`select current_setting('server_version') as version, current_setting('shared_buffers') as shared_buffers, current_setting('work_mem') as work_mem`;
    const result = {
      events: N,
      otherTenants: OTHER > 0 ? 9 : 0,
      otherEvents: OTHER,
      load: { seconds: Math.round(loadS * 10) / 10, eventsPerSec: Math.round((N + 9 * OTHER) / loadS), vacuumAnalyzeS: Math.round(vacuumS * 10) / 10, tableSize: size, how: reuse ? `not loaded in this run: reused ${reuse.replace(/^.*\//, '')}` : 'COPY as table owner; append-only trigger not disabled (it guards UPDATE/DELETE/TRUNCATE only); FK and unique checks on' },
      queries,
      slowest: slowest.name,
      explain: plan,
      overTarget,
      csv,
      verify,
      proof,
      audit,
      auditCli,
      loadAvg: os.loadavg().map((x) => Math.round(x * 10) / 10),
      postgres: settings,
    };
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    await pg.end({ timeout: 5 });
    if (process.env.BENCH_KEEP_DB === '1' || reuse) say(`kept database ${url}`);
    else await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

const [kind, childUrl, childTenant] = process.argv.slice(2);
if (kind) await child(kind, childUrl!, childTenant!);
else await main();
