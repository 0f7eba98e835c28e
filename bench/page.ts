// Public pages benchmark (`BENCH_PAGE=1 npm run bench`, part "page"; alone: BENCH_PARTS=page), against a running
// `next start` on 127.0.0.1 on PostgreSQL, side by side in one run:
//   1. load: GET /c/<slug>/<token> (first step; counts a link open in memory) and GET /api/bench/ping (a route that
//      renders nothing; BENCH_ROUTES=1), each 10 connections × BENCH_DURATION s, interleaved ping, page, ping, page:
//      req/s, TTFB (response headers parsed) and full-response p50/p99.
//   2. bytes in headless Chromium (a fresh context per page: nothing cached): every public page — question, notice,
//      details, refusal, personal page, confirmation page, /verify — HTML, CSS and JS as transferred (gzip by
//      `next start`) and decoded, the logo apart. The personal and confirmation pages come from one opt-in through the
//      public API; the confirmation link from its mail in the outbox table (MAIL_WORKER=0: never sent).
//   3. Lighthouse (npm package `lighthouse`, a devDependency; mobile: default emulation and simulated throttling):
//      performance, accessibility, best practices, BENCH_LH_RUNS× (3) on the first step (median), once on the form.
// Env: PAGE_URL, TARGETS (JSON from bench/seed.ts), DATABASE_URL (the server's database), BENCH_DURATION (20),
// CHROME_PATH (/usr/bin/chromium), BENCH_LH_RUNS (3). Prints progress to stderr and one JSON line to stdout.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import autocannon from 'autocannon';
import postgres from 'postgres';
import type { Target } from './seed';

const BASE = process.env.PAGE_URL ?? '';
if (new URL(BASE).hostname !== '127.0.0.1') throw new Error(`only 127.0.0.1 is a target, not ${BASE}`);
const [target] = JSON.parse(readFileSync(process.env.TARGETS ?? '', 'utf8')) as Target[];
if (!target) throw new Error('TARGETS holds no target');
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
if (!(DURATION > 0 && DURATION <= 600)) throw new Error('bad BENCH_DURATION');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const LIGHTHOUSE = path.join(process.cwd(), 'node_modules/.bin/lighthouse');
const LH_RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const pagePath = `/c/${target.slug}/${target.token}`;
const hide = (s: string) => s.split(target.token).join('<token>');
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
    path: hide(urlPath),
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

// ---------- 2. bytes in Chromium ----------
type Kind = 'html' | 'css' | 'js' | 'logo' | 'other';
type Asset = { url: string; kind: Kind; encoded: number; decoded: number };
export type PageBytes = { page: string; url: string; status: number; requests: number; html: number; css: number; js: number; other: number; totalExclLogo: number; decodedExclLogo: number; scriptTags: number; assets: Asset[] };

const kindOf = (type: string, url: string): Kind =>
  type === 'Document' ? 'html' : type === 'Stylesheet' ? 'css' : type === 'Script' ? 'js' : url.endsWith('/logo') ? 'logo' : 'other';

/** Loads `url` in a fresh context and sums every response body as transferred (encoded) and decoded, by kind. */
async function pageBytes(browser: import('@playwright/test').Browser, name: string, url: string, act?: (p: Page) => Promise<unknown>): Promise<PageBytes> {
  const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Asset>();
  cdp.on('Network.responseReceived', (e) => seen.set(e.requestId, { url: hide(new URL(e.response.url).pathname), kind: kindOf(e.type ?? '', e.response.url), encoded: 0, decoded: 0 }));
  cdp.on('Network.dataReceived', (e) => {
    const a = seen.get(e.requestId);
    if (a) a.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const a = seen.get(e.requestId);
    if (a) a.encoded = e.encodedDataLength; // body + headers as transferred
  });
  const response = await page.goto(BASE + url);
  if (act) {
    seen.clear();
    await act(page);
  }
  await page.waitForLoadState('networkidle');
  const scriptTags = await page.locator('script').count();
  await page.context().close();
  const assets = [...seen.values()];
  const sum = (k: Kind) => assets.filter((a) => a.kind === k).reduce((n, a) => n + a.encoded, 0);
  const notLogo = assets.filter((a) => a.kind !== 'logo');
  const out: PageBytes = {
    page: name,
    url: hide(url),
    status: response?.status() ?? 0,
    requests: assets.length,
    html: sum('html'),
    css: sum('css'),
    js: sum('js'),
    other: sum('other'),
    totalExclLogo: notLogo.reduce((n, a) => n + a.encoded, 0),
    decodedExclLogo: notLogo.reduce((n, a) => n + a.decoded, 0),
    scriptTags,
    assets,
  };
  log(`${name}: HTML ${kb(out.html)} kB, CSS ${kb(out.css)} kB, JS ${kb(out.js)} kB (${scriptTags} script tags), total ${kb(out.totalExclLogo)} kB transferred excl. logo`);
  return out;
}

/** An opt-in through the public API (double opt-in: pending) → the personal URL, and the confirmation URL from its mail. */
async function contactPages(): Promise<{ personal: string; confirm: string | null }> {
  const sql = process.env.DATABASE_URL ? postgres(process.env.DATABASE_URL, { max: 1 }) : null;
  // The seeded tenant may have double opt-in off; on, the opt-in is pending and its confirmation mail names the page.
  if (sql) await sql`update tenants set double_opt_in = true where slug = ${target.slug}`;
  const res = await fetch(`${BASE}/api/public/consent/${target.slug}/${target.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': BROWSER_HEADERS['user-agent'] },
    body: JSON.stringify({ decision: 'opt_in', noticeVersionId: target.noticeVersionId, confirmed: '1', name: 'Bench Kundin', phone: '+491709990123', email: 'bench@kunde.example', idempotencyKey: randomUUID() }),
  });
  const body = (await res.json()) as { personalUrl?: string };
  if (!body.personalUrl) throw new Error(`opt-in failed: ${res.status} ${JSON.stringify(body)}`);
  let confirm: string | null = null;
  if (sql) {
    const rows = await sql`select html from mail_outbox where html like '%/confirm/%' order by created_at desc limit 1`;
    await sql.end();
    confirm = (rows[0]?.html as string | undefined)?.match(/\/c\/[a-z0-9-]+\/confirm\/[A-Za-z0-9_-]{43}/)?.[0] ?? null;
  }
  return { personal: new URL(body.personalUrl).pathname, confirm };
}

async function browserBytes() {
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS.filter((f) => f !== '--headless') });
  try {
    const k = randomUUID();
    const pages = [
      await pageBytes(browser, 'question (first step)', pagePath),
      await pageBytes(browser, 'notice', `${pagePath}?step=notice&k=${k}`),
      await pageBytes(browser, 'details (form)', `${pagePath}?step=details&k=${k}&confirmed=1`),
      await pageBytes(browser, 'refusal (form)', `${pagePath}?step=refuse&k=${k}`),
    ];
    const contact = await contactPages();
    pages.push(await pageBytes(browser, 'personal page', contact.personal));
    if (contact.confirm) pages.push(await pageBytes(browser, 'confirmation page', contact.confirm));
    pages.push(await pageBytes(browser, '/verify', '/verify'));
    // One form post as a browser sends it (303 + the next document), to show the answer of a post costs no JS either.
    pages.push(await pageBytes(browser, 'refusal posted → personal page', `${pagePath}?step=refuse&k=${randomUUID()}`, (p) => Promise.all([p.waitForURL(/\/p\//), p.locator('button[type=submit]').last().click()])));
    return pages;
  } finally {
    await browser.close();
  }
}

// ---------- 3. Lighthouse ----------
export type LhRun = { performance: number; accessibility: number; bestPractices: number; fcpMs: number; lcpMs: number; tbtMs: number; cls: number; speedIndexMs: number; benchmarkIndex: number; failingAudits?: string[] };
const run = promisify(execFile);

async function lighthouse(url: string): Promise<LhRun | { error: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'einw-lh-'));
  const out = path.join(dir, 'report.json');
  try {
    await run(LIGHTHOUSE, [url, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility,best-practices', `--chrome-flags=${CHROME_FLAGS.join(' ')}`], {
      env: { ...process.env, CHROME_PATH: CHROME },
      timeout: 240_000,
      maxBuffer: 16 << 20,
    });
    const lhr = JSON.parse(readFileSync(out, 'utf8'));
    if (lhr.runtimeError) return { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
    const num = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
    const failing = Object.values(lhr.audits as Record<string, { id: string; score: number | null; scoreDisplayMode: string }>)
      .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
      .map((a) => a.id);
    const score = (c: string) => Math.round((lhr.categories[c]?.score ?? NaN) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcpMs: num('first-contentful-paint'),
      lcpMs: num('largest-contentful-paint'),
      tbtMs: num('total-blocking-time'),
      cls: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN) * 1000) / 1000,
      speedIndexMs: num('speed-index'),
      benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? NaN),
      ...(failing.length ? { failingAudits: failing } : {}),
    };
  } catch (err) {
    return { error: String((err as Error).message).slice(0, 500) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function lighthouseAll() {
  const first: (LhRun | { error: string })[] = [];
  for (let i = 0; i < LH_RUNS; i++) {
    first.push(await lighthouse(BASE + pagePath));
    log(`lighthouse question #${i + 1}: ${JSON.stringify(first.at(-1))}`);
  }
  const ok = first.filter((r): r is LhRun => 'performance' in r);
  const median = (k: 'performance' | 'accessibility' | 'bestPractices') => {
    const xs = ok.map((r) => r[k]).sort((a, b) => a - b);
    return xs.length ? xs[Math.floor((xs.length - 1) / 2)]! : null;
  };
  const details = await lighthouse(`${BASE}${pagePath}?step=details&k=${randomUUID()}&confirmed=1`);
  log(`lighthouse details: ${JSON.stringify(details)}`);
  return { runs: first, median: { performance: median('performance'), accessibility: median('accessibility'), bestPractices: median('bestPractices') }, details };
}

type LhResult = LhRun | { error: string };
export type PageResult = {
  durationS: number;
  connections: number;
  database: string;
  load: { runs: LoadRun[]; page: LoadRun; ping: LoadRun; pageVsPing: number | null };
  bytes: PageBytes[];
  lighthouse: { runs: LhResult[]; median: { performance: number | null; accessibility: number | null; bestPractices: number | null }; details: LhResult };
};

// ---------- main ----------
const started = Date.now();
log(`target ${hide(pagePath)}, ${DURATION} s per load run`);
// Warm-up: fills the per-instance view cache, the db pool and the JIT.
await autocannon({ url: BASE + pagePath, connections: 2, amount: 200, headers: BROWSER_HEADERS });
await autocannon({ url: `${BASE}/api/bench/ping`, connections: 2, amount: 200, headers: BROWSER_HEADERS });
const runs: LoadRun[] = [];
for (let i = 0; i < 2; i++) {
  runs.push(await load(`GET /api/bench/ping (framework ceiling) #${i + 1}`, '/api/bench/ping', 200));
  runs.push(await load(`consent page, first step #${i + 1}`, pagePath, 200));
}
const best = (prefix: string) => runs.filter((r) => r.name.startsWith(prefix)).sort((a, b) => b.reqPerSec - a.reqPerSec)[0]!;
const [ping, page] = [best('GET /api/bench/ping'), best('consent page')];
const bytes = await browserBytes();
const lh = await lighthouseAll();
const result: PageResult = {
  durationS: DURATION,
  connections: 10,
  database: process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite',
  load: { runs, page, ping, pageVsPing: ping.reqPerSec && page.ok ? Math.round((page.reqPerSec / ping.reqPerSec) * 100) / 100 : null },
  bytes,
  lighthouse: lh,
};
log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
process.stdout.write(JSON.stringify(result) + '\n');
