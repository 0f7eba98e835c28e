// Consent submission load test: the real public opt-in path (POST /api/public/consent/<slug>/<token>) against two
// baselines measured in the same run, all with autocannon in this process against 127.0.0.1 only:
//   (a) POST /api/bench/noop on the same Next server (framework ceiling; the server runs with BENCH_ROUTES=1)
//   (b) bench/baseline-server.ts: node:http + the same SQL statements, no framework
// Runs, for 10 then 50 connections: noop, then endpoint (tenant 0 alone) and bare interleaved BENCH_ROUNDS times
// (default 3: endpoint, bare, endpoint, bare, …; the bare server on a database of its own, seeded alike); at 50 also
// the endpoint spread over tenants 1..50 (round robin per request, vs tenant 0 alone). After the runs, GET
// BARE_URL/prepared must show prepared statements on the bare server's connections (PostgreSQL). Then latency at a fixed BENCH_RATE req/s twice:
// autocannon `overallRate` (note: autocannon paces per second, so each second starts with a burst) and a paced open
// loop here (one request every 1/rate s, latency counted from the scheduled send time, no coordinated omission).
// Each consent request gets a fresh idempotencyKey and phone number; only 201 (204 for noop) counts as success.
// Env: NEXT_URL, BARE_URL, TARGETS (JSON file from bench/seed.ts), BENCH_DRIVER (label), BENCH_DURATION (s per run,
// default 20), BENCH_RATE (default 100). Prints a table to stderr and one JSON line to stdout.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { pacedPosts, pct } from './open-loop';
import type { Target } from './seed';

const NEXT_URL = process.env.NEXT_URL ?? '';
const BARE_URL = process.env.BARE_URL ?? '';
for (const u of [NEXT_URL, BARE_URL]) if (new URL(u).hostname !== '127.0.0.1') throw new Error(`only 127.0.0.1 is a target, not ${u}`);
const targets = JSON.parse(readFileSync(process.env.TARGETS ?? '', 'utf8')) as Target[];
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3); // endpoint/bare pairs per connection count
if (!(DURATION > 0 && DURATION <= 600) || !(RATE > 0 && RATE <= 10_000) || !(ROUNDS >= 1 && ROUNDS <= 10) || targets.length < 2) throw new Error('bad BENCH_DURATION, BENCH_RATE, BENCH_ROUNDS or TARGETS');

export type RunResult = {
  name: string;
  connections: number;
  seconds: number;
  ok: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  statusCodes: Record<string, number>;
};

let n = 0; // requests built so far: makes every phone number and name unique within the run
type Built = { path: string; headers: Record<string, string>; body: string };
function consentRequest(pathOf: (t: Target) => string, pool: Target[]): Built {
  const t = pool[n % pool.length]!;
  n++;
  const body = {
    decision: 'opt_in',
    noticeVersionId: t.noticeVersionId,
    confirmed: '1',
    name: `Bench Kunde ${n}`,
    phone: `+49151${String(n).padStart(8, '0')}`,
    idempotencyKey: randomUUID(),
    locale: 'de',
  };
  return {
    path: pathOf(t),
    headers: { 'content-type': 'application/json', 'user-agent': 'einwilligung-bench', 'x-forwarded-for': `198.51.100.${(n % 250) + 1}` },
    body: JSON.stringify(body),
  };
}

const endpointPath = (t: Target) => `/api/public/consent/${t.slug}/${t.token}`;
const barePath = (t: Target) => `/consent/${t.slug}/${t.token}`;

/** autocannon options for `base`: every request rebuilt by `build` (fresh body) unless it is the noop route. */
function options(base: string, build: (() => Built) | null): autocannon.Options {
  const request: autocannon.Request = build
    ? { method: 'POST', setupRequest: (req) => ({ ...req, ...build() }) }
    : { method: 'POST', path: '/api/bench/noop', headers: { 'content-type': 'application/json' }, body: '{"noop":true}' };
  return { url: base, requests: [request], timeout: 10 };
}

let created = 0; // 201 answers over all runs including warm-ups: check-chains.ts must find at least this many events
function summarize(name: string, r: autocannon.Result, expect: number): RunResult {
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  const ok = statusCodes[String(expect)] ?? 0;
  if (expect === 201) created += ok;
  const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    name,
    connections: r.connections,
    seconds: r.duration,
    ok,
    reqPerSec: Math.round(ok / r.duration),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    failed: total - ok + r.errors,
    statusCodes,
  };
}

/** One autocannon run, bounded by duration (or amount) and by a guard timer that stops it 30 s late at the latest. */
function cannon(name: string, opts: autocannon.Options, expect: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const inst = autocannon(opts, (err: Error | null, r: autocannon.Result) => {
      clearTimeout(guard);
      if (err) reject(err);
      else resolve(summarize(name, r, expect));
    }) as autocannon.Instance & { stop: () => void };
    const guard = setTimeout(() => inst.stop(), ((Number(opts.duration) || 60) + 30) * 1000);
  });
}

/** The paced open loop (bench/open-loop.ts) against one route; `ok` counts 201s. */
async function openLoop(name: string, base: string, rate: number, seconds: number, build: () => Built): Promise<RunResult> {
  const run = await pacedPosts(base, rate, seconds, build);
  const ok = run.statusCodes['201'] ?? 0;
  created += ok;
  const round = (v: number) => Math.round(v * 10) / 10;
  const l = run.latencies;
  return { name, connections: 0, seconds: round(run.seconds), ok, reqPerSec: Math.round(ok / run.seconds), p50: round(pct(l, 50)), p99: round(pct(l, 99)), max: round(l.at(-1) ?? NaN), failed: run.sent - ok, statusCodes: run.statusCodes };
}

async function noopAvailable(): Promise<boolean> {
  const res = await fetch(`${NEXT_URL}/api/bench/noop`, { method: 'POST', body: '{}' });
  return res.status === 204;
}

const one = [targets[0]!];
const mixed = targets.slice(1, 51);
const endpointOne = () => consentRequest(endpointPath, one);
const endpointMixed = () => consentRequest(endpointPath, mixed);
const bareOne = () => consentRequest(barePath, one);
const hasNoop = await noopAvailable();
if (!hasNoop) console.error('! POST /api/bench/noop does not answer 204 (route missing, or server without BENCH_ROUTES=1): no framework baseline');

// Warm-up (not reported): JIT, route modules, connection pools, first chain head row.
const warm = { connections: 10, amount: 300, timeout: 10 };
if (hasNoop) await cannon('warmup', { ...options(NEXT_URL, null), ...warm }, 204);
await cannon('warmup', { ...options(NEXT_URL, endpointOne), ...warm }, 201);
await cannon('warmup', { ...options(NEXT_URL, endpointMixed), ...warm }, 201);
await cannon('warmup', { ...options(BARE_URL, bareOne), ...warm }, 201);

const runs: RunResult[] = [];
const log = (r: RunResult) => {
  runs.push(r);
  console.error(`${r.name.padEnd(26)} ${String(r.reqPerSec).padStart(6)} req/s  p50 ${String(r.p50).padStart(6)} ms  p99 ${String(r.p99).padStart(6)} ms  ok ${r.ok}  failed ${r.failed}`);
};
// endpoint and bare interleaved ROUNDS times (endpoint, bare, endpoint, bare, …), so drift on the machine hits both;
// endpoint/bare is the median of the rounds' ratios, with min and max beside it.
const medianOf = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
const spread: Record<string, { ratios: number[]; min: number; median: number; max: number }> = {};
const medianEndpoint: Record<number, RunResult> = {};
for (const c of [10, 50]) {
  const d = { connections: c, duration: DURATION };
  if (hasNoop) log(await cannon(`noop_c${c}`, { ...options(NEXT_URL, null), ...d }, 204));
  const pairs: { endpoint: RunResult; bare: RunResult }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const endpoint = await cannon(`endpoint_c${c}_r${round}`, { ...options(NEXT_URL, endpointOne), ...d }, 201);
    log(endpoint);
    const bare = await cannon(`bare_c${c}_r${round}`, { ...options(BARE_URL, bareOne), ...d }, 201);
    log(bare);
    pairs.push({ endpoint, bare });
  }
  const ratios = pairs.map((p) => (p.bare.reqPerSec ? r2(p.endpoint.reqPerSec / p.bare.reqPerSec) : NaN));
  spread[`c${c}`] = { ratios, min: Math.min(...ratios), median: r2(medianOf(ratios)), max: Math.max(...ratios) };
  const sorted = pairs.map((p) => p.endpoint).sort((x, y) => x.reqPerSec - y.reqPerSec);
  medianEndpoint[c] = sorted[Math.floor(sorted.length / 2)]!;
  if (c === 50) log(await cannon(`endpoint_mixed50_c${c}`, { ...options(NEXT_URL, endpointMixed), ...d }, 201));
}
log(await cannon(`endpoint_overallRate${RATE}`, { ...options(NEXT_URL, endpointOne), connections: 10, overallRate: RATE, duration: DURATION }, 201));
log(await openLoop(`endpoint_openloop${RATE}`, NEXT_URL, RATE, DURATION, endpointOne));

const by = (name: string) => runs.find((r) => r.name === name);
const ratio = (a?: RunResult, b?: RunResult) => (a && b && b.reqPerSec ? Math.round((a.reqPerSec / b.reqPerSec) * 100) / 100 : null);
const ratios = {
  endpointVsNoop_c10: ratio(medianEndpoint[10], by('noop_c10')),
  endpointVsNoop_c50: ratio(medianEndpoint[50], by('noop_c50')),
  endpointVsBare_c10: spread.c10!.median,
  endpointVsBare_c50: spread.c50!.median,
  oneTenantVsMixed50_c50: ratio(medianEndpoint[50], by('endpoint_mixed50_c50')),
};
console.error(`ratios ${JSON.stringify(ratios)}; endpoint/bare per round ${JSON.stringify(spread)}`);

// The bare baseline must really have sent prepared statements (postgres.js sends unprepared unless asked): count them
// on each of its pooled connections. PGlite has no named statements to count (null).
const prepared = (await (await fetch(`${BARE_URL}/prepared`)).json()) as { perConnection: number[] | null; total: number | null };
console.error(`bare baseline: prepared statements of our tables per connection ${JSON.stringify(prepared.perConnection)}`);
if (prepared.total !== null && !(prepared.total > 0)) throw new Error(`the bare baseline prepared no statements (${JSON.stringify(prepared)}): its figures are not the prepared baseline`);
const result = { driver: process.env.BENCH_DRIVER ?? 'unknown', durationS: DURATION, rate: RATE, rounds: ROUNDS, noopRoute: hasNoop, created, runs, ratios, endpointVsBareSpread: spread, barePrepared: prepared };
process.stdout.write(JSON.stringify(result) + '\n');
