// Public consent page benchmark (`npm run bench`, part "page"), against a running `next start` on 127.0.0.1:
//   1. load: GET /c/<slug>/<token> (first step, server-rendered, counts a link open) with autocannon, 10 connections,
//      BENCH_DURATION s; time to first byte (response headers parsed) per request from autocannon's client events,
//      beside req/s and full-response latency. Baselines in the same run: GET /api/bench/ping (a route that renders
//      nothing; BENCH_ROUTES=1) and an unknown path (the 404 page: root layout + a trivial server page).
//   2. bytes in headless Chromium (fresh context): every response's encoded body (`next start` gzips) and decoded
//      body, JS per script, for the flow question → notice (client navigation) → details (GET form: new document),
//      and for the 404 page alone: the JS floor of this build (framework + root layout).
//   3. Lighthouse (mobile, default emulation and simulated throttling): BENCH_LH_RUNS× the first step, once the form step.
// Env: PAGE_URL, TARGETS (JSON from bench/seed.ts), BENCH_DURATION (default 20), CHROME_PATH (/usr/bin/chromium),
// BENCH_LIGHTHOUSE (command to run Lighthouse; default a pinned `npm exec`), BENCH_LH_RUNS (runs on the first step, 3).
// Prints progress to stderr and one JSON line to stdout.
import { execFile } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import autocannon from 'autocannon';
import type { Target } from './seed';

const BASE = process.env.PAGE_URL ?? '';
if (new URL(BASE).hostname !== '127.0.0.1') throw new Error(`only 127.0.0.1 is a target, not ${BASE}`);
const [target] = JSON.parse(readFileSync(process.env.TARGETS ?? '', 'utf8')) as Target[];
if (!target) throw new Error('TARGETS holds no target');
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
if (!(DURATION > 0 && DURATION <= 600)) throw new Error('bad BENCH_DURATION');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// 185 MB and 201 packages as a devDependency: too heavy for every `npm install`, so fetched on first use, pinned.
const LIGHTHOUSE = (process.env.BENCH_LIGHTHOUSE ?? 'npm exec --yes --package=lighthouse@12.8.2 -- lighthouse').split(' ');
const LH_RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const pagePath = `/c/${target.slug}/${target.token}`;
// A browser's headers: the open counter skips bots, and a browser gets the compressed page.
const BROWSER_HEADERS = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 einwilligung-bench',
  'accept-language': 'de-DE,de;q=0.9',
  'accept-encoding': 'gzip, deflate, br',
  accept: 'text/html',
};
const log = (s: string) => process.stderr.write(`page: ${s}\n`);
const ms = (v: number) => Math.round(v * 100) / 100;
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

// ---------- 1. load ----------
export type LoadRun = { name: string; path: string; status: number; reqPerSec: number; ttfb: { p50: number; p99: number; max: number }; latency: { p50: number; p99: number }; ok: number; failed: number };

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

async function load(name: string, urlPath: string, expect: number): Promise<LoadRun> {
  const ttfbs: number[] = [];
  const r = await autocannon({
    url: BASE,
    connections: 10,
    duration: DURATION,
    timeout: 10,
    requests: [{ method: 'GET', path: urlPath, headers: BROWSER_HEADERS }],
    // One request in flight per connection (no pipelining): 'request' is emitted just before it is written, 'headers'
    // once the status line and headers are parsed – the first bytes of the answer.
    setupClient: (c) => {
      const client = c as unknown as EventEmitter; // its typings omit the 'request' event
      let sent = 0n;
      client.on('request', () => (sent = process.hrtime.bigint()));
      client.on('headers', () => ttfbs.push(Number(process.hrtime.bigint() - sent) / 1e6));
    },
  });
  ttfbs.sort((a, b) => a - b);
  const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => [c, s.count ?? 0]));
  const ok = codes[String(expect)] ?? 0;
  const total = Object.values(codes).reduce((a, b) => a + b, 0);
  const run: LoadRun = {
    name,
    path: urlPath.replace(target.token, '<token>'),
    status: expect,
    reqPerSec: Math.round(ok / r.duration),
    ttfb: { p50: ms(percentile(ttfbs, 50)), p99: ms(percentile(ttfbs, 99)), max: ms(ttfbs.at(-1) ?? NaN) },
    latency: { p50: r.latency.p50, p99: r.latency.p99 },
    ok,
    failed: total - ok + r.errors + r.timeouts,
  };
  log(`${name}: ${run.reqPerSec} req/s, TTFB p50 ${run.ttfb.p50} / p99 ${run.ttfb.p99} ms, full response p50 ${run.latency.p50} / p99 ${run.latency.p99} ms, ${run.failed} failed`);
  return run;
}

/** The HTML document's size as sent (gzip, as to a browser) and decoded. */
async function htmlBytes(urlPath: string) {
  const get = (encoding: string) =>
    new Promise<{ status: number; bytes: number; encoding: string | null }>((resolve, reject) => {
      http
        .get(BASE + urlPath, { headers: { ...BROWSER_HEADERS, 'accept-encoding': encoding } }, (res) => {
          let bytes = 0;
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, encoding: (res.headers['content-encoding'] as string) ?? null }));
        })
        .on('error', reject);
    });
  const [plain, sent] = [await get('identity'), await get(BROWSER_HEADERS['accept-encoding'])];
  return { status: plain.status, decoded: plain.bytes, encoded: sent.bytes, encoding: sent.encoding };
}

// ---------- 2. bytes in Chromium ----------
// encoded = response body as transferred (gzip), transferred = that plus headers, decoded = body after decoding;
// served from the browser cache counts 0 transferred.
type Asset = { url: string; type: string; encoded: number; transferred: number; decoded: number; cached: boolean; open?: boolean };
export type StepBytes = { step: string; url: string; requests: number; totalTransferred: number; jsEncoded: number; jsDecoded: number; scripts: Asset[]; other: Asset[] };

/** Records every request of `page` (Chromium's own network events over CDP) while `act` runs, until network idle. */
async function measure(page: Page, step: string, act: () => Promise<unknown>): Promise<StepBytes> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Asset & { headers: number; body: number }>();
  const of = (id: string) => seen.get(id) ?? { url: '', type: '', encoded: 0, transferred: 0, decoded: 0, cached: false, headers: 0, body: 0 };
  cdp.on('Network.requestWillBeSent', (e) => {
    const u = new URL(e.request.url);
    seen.set(e.requestId, { ...of(e.requestId), url: (u.pathname + u.search).replace(target.token, '<token>'), type: e.type ?? 'Other' });
  });
  cdp.on('Network.requestServedFromCache', (e) => (of(e.requestId).cached = true));
  cdp.on('Network.responseReceived', (e) => Object.assign(of(e.requestId), { type: e.type, headers: e.response.encodedDataLength, cached: of(e.requestId).cached || !!e.response.fromDiskCache }));
  cdp.on('Network.dataReceived', (e) => {
    of(e.requestId).decoded += e.dataLength;
    of(e.requestId).body += e.encodedDataLength;
  });
  const open = new Set<string>();
  cdp.on('Network.requestWillBeSent', (e) => open.add(e.requestId));
  cdp.on('Network.loadingFailed', (e) => open.delete(e.requestId));
  cdp.on('Network.loadingFinished', (e) => {
    open.delete(e.requestId);
    const a = of(e.requestId);
    a.transferred = a.cached ? 0 : e.encodedDataLength;
    a.encoded = Math.max(0, a.transferred - a.headers);
  });
  await act();
  await page.waitForLoadState('networkidle');
  // A streamed RSC answer can still be open at "network idle": wait (≤ 10 s) until every request has finished.
  // The client router's RSC fetch is left open here (its loadingFinished arrives with the next navigation): such a
  // request is counted with the bytes received so far and marked open.
  for (let i = 0; i < 30 && open.size; i++) await new Promise((r) => setTimeout(r, 100));
  await cdp.detach();
  for (const id of open) {
    const a = seen.get(id);
    if (a && !a.cached) Object.assign(a, { open: true, encoded: a.body, transferred: a.headers + a.body });
  }
  const assets = [...seen.values()].filter((a) => a.url && !a.url.startsWith('data:')).map(({ headers: _h, body: _b, ...a }) => a);
  const scripts = assets.filter((a) => a.type === 'Script').sort((x, y) => y.encoded - x.encoded);
  const sum = (xs: Asset[], k: 'encoded' | 'decoded' | 'transferred') => xs.reduce((n, x) => n + x[k], 0);
  const out = {
    step,
    url: page.url().replace(target.token, '<token>').replace(BASE, ''),
    requests: assets.length,
    totalTransferred: sum(assets, 'transferred'),
    jsEncoded: sum(scripts, 'encoded'),
    jsDecoded: sum(scripts, 'decoded'),
    scripts,
    other: assets.filter((a) => a.type !== 'Script'),
  };
  const cached = assets.filter((a) => a.cached).length;
  log(`${step}: ${out.requests} requests (${cached} from cache), ${kb(out.totalTransferred)} kB transferred, JS ${kb(out.jsEncoded)} kB encoded / ${kb(out.jsDecoded)} kB decoded in ${scripts.length} files`);
  return out;
}

async function browserBytes() {
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS });
  try {
    const fresh = async () => (await browser.newContext({ locale: 'de-DE' })).newPage();
    const page = await fresh();
    const question = await measure(page, 'question (cold)', () => page.goto(BASE + pagePath));
    // The "yes" link: next/link, so a client navigation (RSC request) when JS runs.
    const notice = await measure(page, 'notice (client navigation)', () => Promise.all([page.waitForURL(/step=notice/), page.locator('a[href*="step=notice"]').first().click()]));
    await page.locator('input[name="confirmed"]').check();
    const details = await measure(page, 'details (GET form, new document)', () => Promise.all([page.waitForURL(/step=details/), page.locator('form[method="get"] button[type="submit"]').click()]));
    const direct = await fresh();
    const detailsCold = await measure(direct, 'details (cold)', () => direct.goto(BASE + details.url.replace('<token>', target.token)));
    const floorPage = await fresh();
    const floor = await measure(floorPage, '404 page (cold): framework + root layout', () => floorPage.goto(`${BASE}/bench-no-such-page`));
    return { steps: [question, notice, details, detailsCold], floor };
  } finally {
    await browser.close();
  }
}

// ---------- 3. Lighthouse ----------
// benchmarkIndex: Lighthouse's own CPU speed probe of this machine at the time (higher = faster; TBT scales with it).
export type LhRun = { performance: number; accessibility: number; fcpMs: number; lcpMs: number; tbtMs: number; cls: number; speedIndexMs: number; benchmarkIndex: number };
const run = promisify(execFile);

async function lighthouse(url: string): Promise<LhRun | { error: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'einw-lh-'));
  const out = path.join(dir, 'report.json');
  const [cmd, ...pre] = LIGHTHOUSE;
  try {
    await run(cmd!, [...pre, url, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility', `--chrome-flags=--headless=new ${CHROME_FLAGS.join(' ')}`], {
      env: { ...process.env, CHROME_PATH: CHROME },
      timeout: 240_000,
      maxBuffer: 16 << 20,
    });
    const lhr = JSON.parse(readFileSync(out, 'utf8'));
    const num = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
    const failing = Object.values(lhr.audits as Record<string, { id: string; score: number | null; scoreDisplayMode: string }>)
      .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
      .map((a) => a.id);
    if (lhr.runtimeError) return { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
    const r = {
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      fcpMs: num('first-contentful-paint'),
      lcpMs: num('largest-contentful-paint'),
      tbtMs: num('total-blocking-time'),
      cls: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN) * 1000) / 1000,
      speedIndexMs: num('speed-index'),
      benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? NaN),
      ...(failing.length ? { failingAudits: failing } : {}),
    };
    return r;
  } catch (err) {
    return { error: String((err as Error).message).slice(0, 500) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function lighthouseAll(detailsUrl: string) {
  const first: (LhRun | { error: string })[] = [];
  for (let i = 0; i < LH_RUNS; i++) {
    first.push(await lighthouse(BASE + pagePath));
    log(`lighthouse question #${i + 1}: ${JSON.stringify(first.at(-1))}`);
  }
  const ok = first.filter((r): r is LhRun => 'performance' in r).sort((a, b) => a.performance - b.performance);
  const median = ok[Math.floor((ok.length - 1) / 2)] ?? null;
  const details = await lighthouse(BASE + detailsUrl.replace('<token>', target.token));
  log(`lighthouse details: ${JSON.stringify(details)}`);
  return { runs: first, median, details };
}

type Html = Awaited<ReturnType<typeof htmlBytes>>;
type LhResult = LhRun | { error: string };
export type PageResult = {
  durationS: number;
  connections: number;
  html: { question: Html; notFound: Html };
  load: { runs: LoadRun[]; ratios: { pageVsPing: number | null; pageVsNotFound: number | null }; pingRoute: boolean };
  bytes: { steps: StepBytes[]; floor: StepBytes };
  lighthouse: { runs: LhResult[]; median: LhRun | null; details: LhResult };
};

// ---------- main ----------
const started = Date.now();
log(`target ${pagePath.replace(target.token, '<token>')}, ${DURATION} s per load run`);
const html = { question: await htmlBytes(pagePath), notFound: await htmlBytes('/bench-no-such-page') };
// Warm-up: the first renders compile nothing in production, but fill caches (messages, db pool).
await autocannon({ url: BASE + pagePath, connections: 2, amount: 50, headers: BROWSER_HEADERS });
const ping = await load('GET /api/bench/ping (framework ceiling)', '/api/bench/ping', 200);
const notFound = await load('404 page (root layout, trivial page)', '/bench-no-such-page', 404);
const page = await load('consent page, first step', pagePath, 200);
const ratio = (a: LoadRun, b: LoadRun) => (b.reqPerSec && a.ok ? Math.round((a.reqPerSec / b.reqPerSec) * 100) / 100 : null);
const bytes = await browserBytes();
const lh = await lighthouseAll(bytes.steps[2]!.url);
const result: PageResult = {
  durationS: DURATION,
  connections: 10,
  html,
  load: { runs: [ping, notFound, page], ratios: { pageVsPing: ratio(page, ping), pageVsNotFound: ratio(page, notFound) }, pingRoute: ping.ok > 0 },
  bytes,
  lighthouse: lh,
};
log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
process.stdout.write(JSON.stringify(result) + '\n');
