// Collects the parts bench/run.sh wrote (bench/results/*.json.tmp) into bench/results/latest.json and latest.md
// (Markdown tables with date and machine, for the README). Machine facts come from run.sh (nproc, PostgreSQL version).
//   npx tsx bench/report.ts bench/results
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunResult } from './consent';
import type { PageResult } from './page';

type Spread = { ratios: number[]; min: number; median: number; max: number };
type Consent = {
  driver: string;
  durationS: number;
  rate: number;
  rounds?: number;
  noopRoute: boolean;
  created: number;
  runs: RunResult[];
  ratios: Record<string, number | null>;
  endpointVsBareSpread?: Record<string, Spread>;
  barePrepared?: { perConnection: number[] | null; total: number | null };
};
type DrainWindow = {
  seconds: number;
  sentInWindow: number;
  sentPerSec: number;
  firstSentAfterS: number | null;
  lastSentAfterS: number | null;
  pendingAtStart: number;
  pendingAtEnd: number;
  coveredWindow: boolean;
  stubDeliveredInWindow: number;
  stubAvgAttachmentKb: number | null;
  stubWithoutPdf: number;
  dead: number;
  errored: number;
};
type Drain = {
  mode: 'inproc' | 'separate';
  error?: string;
  mails: number;
  connections: number;
  durationS: number;
  idle: RunResult;
  drain: RunResult;
  p99Ratio: number | null;
  target: number;
  idleWindow: { sentInWindow: number };
  secondsToFirstSend: number;
  window: DrainWindow;
  unloaded: { seconds: number; sent: number; sentPerSec: number; pendingAtEnd: number } | null;
  round?: number;
  p99RatioSpread?: Spread;
  rounds?: { round: number; idle: RunResult; drain: RunResult; p99Ratio: number | null; window: DrainWindow }[];
};
type Chains = { ok: boolean; chains: number; events: number };
type QueryStat = { name: string; runs: number; rows: number; p50: number; p95: number; max: number };
type Ledger = {
  events: number;
  otherTenants: number;
  otherEvents: number;
  load: { seconds: number; eventsPerSec: number; vacuumAnalyzeS: number; tableSize: string; how: string };
  queries: QueryStat[];
  slowest: string;
  explain: string;
  overTarget?: { name: string; plan: string }[];
  csv: { rows: number; mb: number; seconds: number; peakRssMb: number; rssBeforeMb: number };
  verify: { ok: boolean; events: number; seconds: number; peakRssMb: number };
  proof?: QueryStat;
  audit?: { ok?: boolean; events?: number; seconds?: number; peakRssMb?: number; todo?: string; firstProblem?: unknown };
  auditCli?: { ok?: boolean; exitCode?: number; events?: number; seconds?: number; processWallS?: number; todo?: string; error?: string; firstProblem?: unknown };
  loadAvg?: number[];
};
type TlogRun = { name: string; reqPerSec: number; ok: number; failed: number; p50: number; p99: number; load: number[] };
type Tlog = {
  at: string;
  sequencer?: {
    error?: string;
    events: number;
    sealed: number;
    checkpoints: number;
    seconds: number;
    eventsPerSec: number;
    nodeCpuS: number;
    pgCpuS: number | null;
    cpuMsPerEvent: number | null;
    eventsPerCpuSecond: number | null;
    perBatchMs: number;
    check: { ok: boolean; contiguous: boolean; rootOk: boolean; queued: number };
    load: { before: number[]; after: number[] };
  };
  endpoint?: {
    error?: string;
    durationS: number;
    rounds: number;
    links: number;
    runs: TlogRun[];
    capacity: { oneLink: number; manyLinks: number; mixed: number };
    ratios: { oneLinkVsMixed: number; manyLinksVsMixed: number };
    paced: {
      rate: number;
      sent: number;
      ok: number;
      response: { p50: number; p99: number; max: number };
      sealed: { events: number; unsealed: number; p50: number; p99: number; max: number };
      load: { before: number[]; after: number[] };
      secondsP99?: number[];
      leadIn?: { seconds: number; sent: number; p50: number; p99: number } | null;
      vacuumsDuring?: { atS: number; ms: number; rel: string; what: string }[];
    };
    check: { ok: boolean; events: number; contiguous: boolean; rootOk: boolean; queued: number };
    autovacuum?: { active: boolean; vacuums: number; analyzes: number; naptimeS: number };
  };
};

const dir = process.argv[2] ?? 'bench/results';
const read = <T>(name: string): T | undefined => {
  const file = path.join(dir, `${name}.json.tmp`);
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  try {
    return JSON.parse(lines.at(-1) ?? '') as T;
  } catch {
    return { error: `unreadable output: ${lines.at(-1)?.slice(0, 200)}` } as T;
  }
};

const machine = {
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  nproc: Number(process.env.BENCH_NPROC ?? os.availableParallelism()),
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  postgres: process.env.BENCH_PG_VERSION ?? 'unknown',
  commit: process.env.BENCH_COMMIT ?? 'unknown',
};
const consent = { postgres: read<Consent>('consent-postgres'), pglite: read<Consent>('consent-pglite') };
const chains = { postgres: read<Chains>('chains-postgres'), pglite: read<Chains>('chains-pglite') };
const pdf = read<Record<string, unknown>>('pdf');
const ledger = read<Ledger>('ledger');
const tlog = read<Tlog>('tlog');
type AddressBook = {
  error?: string;
  events: number;
  cards: number;
  fileMb: number;
  rounds: number;
  importColdMs: number;
  importWarmMs: number;
  importColdCpuMs: number;
  parseColdMs: number;
  matchColdMs: number;
  baselineColdMs: number;
  baselineWarmMs: number;
  ratioCold: number;
  ratioWarm: number;
  peakRssMb: number;
  baselinePeakRssMb: number;
  met: boolean;
  load: number[];
  explain: string;
};
const addressBook = read<AddressBook>('addressbook');
const page = read<PageResult>('page');
const drain = { inproc: read<Drain>('drain-inproc'), separate: read<Drain>('drain-separate') };
const result = { machine, consent, chains, drain, pdf, ledger, tlog, page, addressBook };
writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');

// ---------- Markdown ----------
const md: string[] = [];
const row = (cells: (string | number)[]) => md.push(`| ${cells.join(' | ')} |`);
const dur = consent.postgres?.durationS ?? consent.pglite?.durationS;
md.push(`### Benchmarks — ${machine.date}`, '');
md.push(`Machine: ${machine.nproc} cores (\`nproc\`), ${machine.memoryGiB} GiB RAM, ${machine.cpu}; Node ${machine.node}; PostgreSQL ${machine.postgres}; commit ${machine.commit.slice(0, 10)}.`);
md.push(`Load generator (autocannon) on the same machine, against 127.0.0.1${dur ? `, ${dur} s per run` : ''}. Absolute figures move with`);
md.push('whatever else runs on the machine; the ratios compare runs of the same server made minutes apart.', '');

const drivers = (['postgres', 'pglite'] as const).filter((d) => consent[d]);
if (drivers.length) {
  const rounds = Math.max(...drivers.map((d) => consent[d]!.rounds ?? 1));
  const label: Record<string, string> = {};
  for (const c of [10, 50]) {
    label[`noop_c${c}`] = c === 10 ? 'noop POST route (framework ceiling), 10 conn' : 'noop POST route, 50 conn';
    for (let r = 1; r <= rounds; r++) {
      label[`endpoint_c${c}_r${r}`] = `**consent endpoint**, 1 tenant, ${c} conn, round ${r}`;
      label[`bare_c${c}_r${r}`] = `bare node:http + same SQL (prepared, own database), ${c} conn, round ${r}`;
    }
    if (c === 50) label.endpoint_mixed50_c50 = 'consent endpoint, 50 tenants mixed, 50 conn';
  }
  const rate = consent.postgres?.rate ?? consent.pglite?.rate ?? 100;
  label[`endpoint_overallRate${rate}`] = `consent endpoint at ${rate} req/s (autocannon overallRate, 10 conn)`;
  label[`endpoint_openloop${rate}`] = `consent endpoint at ${rate} req/s (paced open loop)`;
  md.push('#### Consent submission: `POST /api/public/consent/<tenant>/<token>` (opt-in, fresh key and phone each)', '');
  md.push('`next start` with the default pool of 10 connections (the bare server the same) and the mail worker off: each');
  md.push('submission writes its evidence outbox row, the receipt PDF is not rendered during the run (see the PDF table).', '');
  row(['run', ...drivers.flatMap((d) => [`${d} req/s`, `${d} p50 / p99 ms`])]);
  row(['---', ...drivers.flatMap(() => ['---:', '---:'])]);
  for (const [name, text] of Object.entries(label)) {
    const cells = drivers.flatMap((d) => {
      const r = consent[d]!.runs.find((x) => x.name === name);
      if (!r) return ['–', '–'];
      return [`${r.reqPerSec}${r.failed ? ` (${r.failed} failed)` : ''}`, `${r.p50} / ${r.p99}`];
    });
    if (cells.some((c) => c !== '–')) row([text, ...cells]);
  }
  md.push('');
  const rs = (d: 'postgres' | 'pglite', k: string) => {
    const v = consent[d]?.ratios[k];
    return v === null || v === undefined ? '–' : v.toFixed(2);
  };
  const p99 = (d: 'postgres' | 'pglite') => consent[d]?.runs.find((x) => x.name === `endpoint_openloop${rate}`)?.p99 ?? '–';
  row(['ratio (same run)', ...drivers, 'target']);
  row(['---', ...drivers.map(() => '---:'), '---']);
  row(['endpoint / noop route, 10 conn', ...drivers.map((d) => rs(d, 'endpointVsNoop_c10')), '≥ 0.75 on PostgreSQL']);
  row(['endpoint / noop route, 50 conn', ...drivers.map((d) => rs(d, 'endpointVsNoop_c50')), '≥ 0.75 on PostgreSQL']);
  const spreadCell = (d: 'postgres' | 'pglite', c: string) => {
    const sp = consent[d]?.endpointVsBareSpread?.[c];
    return sp ? `${sp.median.toFixed(2)} (min ${sp.min.toFixed(2)}, max ${sp.max.toFixed(2)} of ${sp.ratios.length} interleaved pairs)` : rs(d, `endpointVsBare_${c}`);
  };
  row(['endpoint / bare node (prepared), 10 conn: median (spread)', ...drivers.map((d) => spreadCell(d, 'c10')), '']);
  row(['endpoint / bare node (prepared), 50 conn: median (spread)', ...drivers.map((d) => spreadCell(d, 'c50')), '']);
  row(['one tenant alone / 50 tenants mixed, 50 conn', ...drivers.map((d) => rs(d, 'oneTenantVsMixed50_c50')), '≥ 0.80']);
  row([`p99 ms at ${rate} req/s, paced open loop`, ...drivers.map((d) => String(p99(d))), '< 50 ms']);
  const chainCell = (d: 'postgres' | 'pglite') => {
    const c = chains[d];
    if (!c) return '–';
    return `${c.ok ? 'ok' : '**BROKEN**'}: ${c.events} events, ${consent[d]!.created} answered 201`;
  };
  row(['hash chains verified after the run (events ≥ 201 answers; the rest were in flight at a run’s end)', ...drivers.map(chainCell), 'ok']);
  md.push('');
  md.push('Endpoint and bare server run interleaved (endpoint, bare, endpoint, bare, …), each on a database of its own seeded alike;');
  md.push('endpoint ratios use the median endpoint run. Prepared statements of our tables on the bare server’s connections after the run: ' +
    drivers.map((d) => `${d} ${consent[d]!.barePrepared ? (consent[d]!.barePrepared!.perConnection ? JSON.stringify(consent[d]!.barePrepared!.perConnection) : 'n/a (PGlite)') : 'not measured'}`).join(', ') + '.', '');
  if (drivers.some((d) => !consent[d]!.noopRoute)) md.push('_No noop route answered (app/api/bench/noop/route.ts missing or BENCH_ROUTES unset): no framework ratio._', '');
}

const drainModes = (['inproc', 'separate'] as const).filter((m) => drain[m]);
if (drainModes.length) {
  const modeText = { inproc: 'in-process worker (default deployment)', separate: 'web-only (MAIL_WORKER=0) + `npm run worker` process' };
  const ok = drainModes.map((m) => drain[m]!).find((d) => !d.error);
  md.push(`#### Consent endpoint while evidence receipts drain (PostgreSQL${ok ? `, ${ok.connections} conn, ${ok.durationS} s per run` : ''}; \`bench/drain.ts\`)`, '');
  md.push(`Load on a tenant without an evidence address (the load queues no mail). Backlog: ${ok?.mails.toLocaleString('en') ?? '–'} opt-ins submitted`);
  md.push('through the endpoint beforehand to another tenant (evidence address set), i.e. deferred `evidence_receipt` rows that the');
  md.push('worker composes and renders (PDF in the render thread) at send time; held out of the outbox during the idle run,');
  md.push('released just before the drain run. Mail to a local Resend stub at `RESEND_RATE_LIMIT=10000`: the drain is bound by');
  md.push('composing and rendering, not by the provider. Mails sent in the window counted by `sent_at` (database clock) and by the stub.');
  md.push(`Idle and drain runs alternate ${ok?.rounds?.length ?? 1} times per mode (from the second round the unsent backlog is held again`);
  md.push('and the mails in hand finish before the idle run); the rows below are the round with the median ratio.', '');
  row(['run', 'req/s', 'p50 / p99 ms', 'receipts sent in the window']);
  row(['---', '---:', '---:', '---']);
  for (const m of drainModes) {
    const d = drain[m]!;
    if (d.error) {
      row([modeText[m], '–', '–', `**${d.error}**`]);
      continue;
    }
    const w = d.window;
    const failed = (r: RunResult) => (r.failed ? ` (${r.failed} failed)` : '');
    const r = d.round ? `, round ${d.round}` : '';
    row([`idle, no mail queued — ${modeText[m]}${r}`, `${d.idle.reqPerSec}${failed(d.idle)}`, `${d.idle.p50} / ${d.idle.p99}`, String(d.idleWindow.sentInWindow)]);
    row([
      `**while ${d.mails.toLocaleString('en')} receipts drain** — ${modeText[m]}${r}`,
      `${d.drain.reqPerSec}${failed(d.drain)}`,
      `${d.drain.p50} / **${d.drain.p99}**`,
      `${w.sentInWindow} (${w.sentPerSec}/s; first +${w.firstSentAfterS ?? '–'} s, last +${w.lastSentAfterS ?? '–'} s of ${w.seconds} s); pending ${w.pendingAtStart} → ${w.pendingAtEnd}${w.coveredWindow ? '' : ' — **backlog empty before the window ended**'}; stub ${w.stubDeliveredInWindow}, ⌀ ${w.stubAvgAttachmentKb ?? '–'} kB base64 attachments${w.dead || w.errored ? `; ${w.dead} dead, ${w.errored} with an error` : ''}`,
    ]);
  }
  md.push('');
  row(['ratio (same server, same run)', ...drainModes.map((m) => modeText[m]), 'target']);
  row(['---', ...drainModes.map(() => '---:'), '---']);
  row(['p99 while draining / idle p99: median-ratio round (all rounds)', ...drainModes.map((m) => {
    const d = drain[m]!;
    if (d.p99Ratio == null) return '–';
    return `**${d.p99Ratio.toFixed(2)}**${d.p99RatioSpread ? ` (${d.p99RatioSpread.ratios.map((x) => x.toFixed(2)).join(', ')})` : ''}`;
  }), '≤ 1.5']);
  row(['receipts sent per second: while loaded / then the worker alone (no load, same time)', ...drainModes.map((m) => { const d = drain[m]!; return d.error ? '–' : `${d.window.sentPerSec} / ${d.unloaded ? d.unloaded.sentPerSec : 'backlog already empty'}`; }), '']);
  row(['req/s while draining / idle req/s', ...drainModes.map((m) => { const d = drain[m]!; return d.error || !d.idle.reqPerSec ? '–' : (d.drain.reqPerSec / d.idle.reqPerSec).toFixed(2); }), '']);
  md.push('');
}

if (pdf) {
  md.push('#### PDF rendering (`bench/pdf.ts`)', '');
  row(['case', 'figures']);
  row(['---', '---']);
  const cell = (v: unknown): string =>
    Array.isArray(v) ? v.join(' / ') : typeof v === 'object' && v ? Object.entries(v).map(([a, b]) => `${a} ${cell(b)}`).join(', ') : String(v);
  for (const [k, v] of Object.entries(pdf)) row([k, cell(v)]);
  md.push('');
}

if (ledger && 'queries' in ledger) {
  const total = ledger.events + ledger.otherTenants * ledger.otherEvents;
  md.push(`#### Ledger at scale (PostgreSQL): ${ledger.events.toLocaleString('en')} events in one tenant + ${ledger.otherTenants} × ${ledger.otherEvents.toLocaleString('en')}`, '');
  row(['what', 'figure', 'target']);
  row(['---', '---:', '---']);
  row([`bulk load ${total.toLocaleString('en')} events + contacts (COPY, chain hashes computed)`, `${ledger.load.seconds} s (${ledger.load.eventsPerSec}/s), table ${ledger.load.tableSize}`, '']);
  for (const q of ledger.queries) row([`${q.name} (p50 / p95 of ${q.runs}, ${q.rows} rows)`, `${q.p50} / **${q.p95}** ms`, '< 50 ms p95']);
  row([`CSV export of all ${ledger.csv.rows?.toLocaleString('en')} rows via ledgerCsv (${ledger.csv.mb} MB)`, `${ledger.csv.seconds} s, peak RSS ${ledger.csv.peakRssMb} MB`, '< 15 s, < 250 MB']);
  row([`verifyChain over ${ledger.verify.events?.toLocaleString('en')} events`, `${ledger.verify.seconds} s, peak RSS ${ledger.verify.peakRssMb} MB, ${ledger.verify.ok ? 'ok' : '**BROKEN**'}`, '']);
  if (ledger.proof) row([`${ledger.proof.name} at ${ledger.events.toLocaleString('en')} events (p50 / p95 of ${ledger.proof.runs}; tree built in bulk by the load)`, `${ledger.proof.p50} / **${ledger.proof.p95}** ms`, '< 5 ms p95']);
  if (ledger.audit) {
    const a = ledger.audit;
    row([`full audit (lib/ledger/audit.ts auditLedger) of ${ledger.events.toLocaleString('en')} events`, a.todo ? `**${a.todo}**` : `**${a.seconds} s**, peak RSS ${a.peakRssMb} MB, ${a.ok ? 'ok' : `**problem: ${JSON.stringify(a.firstProblem)}**`}`, '< 10 s']);
  }
  if (ledger.auditCli) {
    const c = ledger.auditCli;
    row([`\`npm run ledger:audit -- --tenant … --json\` (auditLedger + the evidence checks), its own process`, c.todo || c.error ? `**${c.todo ?? c.error}**` : `**${c.seconds} s** (process ${c.processWallS} s), exit ${c.exitCode}, ${c.ok ? 'intact' : `**TAMPERED: ${JSON.stringify(c.firstProblem)}**`}`, '< 10 s']);
  }
  if (ledger.loadAvg) md.push('', `Load average at the end of this part: ${ledger.loadAvg.join(' / ')} on ${machine.nproc} cores.`);
  md.push('', `<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the slowest query: ${ledger.slowest}</summary>`, '', '```', ledger.explain, '```', '</details>', '');
  for (const o of ledger.overTarget ?? []) md.push(`<details><summary>EXPLAIN (ANALYZE, BUFFERS), over 50 ms p95: ${o.name}</summary>`, '', '```', o.plan, '```', '</details>', '');
}

if (tlog) {
  const q = tlog.sequencer;
  const e = tlog.endpoint;
  const la = (l?: number[]) => (l ? l.join(' / ') : '–');
  md.push('#### Transparency log (issue #16, PostgreSQL, `bench/ledger-tlog.ts`)', '');
  row(['what', 'measured', 'load average (1/5/15 min)', 'target']);
  row(['---', '---:', '---', '---']);
  if (q?.error || !q) row(['sequencer alone', `**${q?.error ?? 'not run'}**`, '', '≥ 5,000 events/s']);
  else {
    row([`sequencer alone: ${q.events.toLocaleString('en')} queued events of one tenant sealed by sequencePass() (${q.checkpoints} batches/checkpoints, ${q.perBatchMs} ms each)`, `**${q.eventsPerSec.toLocaleString('en')} events/s** (${q.seconds} s)`, `${la(q.load.before)} → ${la(q.load.after)}`, '≥ 5,000 events/s']);
    row(['sequencer CPU: node + PostgreSQL backends (load-independent)', q.pgCpuS === null ? `node ${q.nodeCpuS} s` : `node ${q.nodeCpuS} s + PostgreSQL ${q.pgCpuS} s = ${q.cpuMsPerEvent} ms per event (${q.eventsPerCpuSecond?.toLocaleString('en')} events per CPU second)`, '', '']);
    row(['sequencer result: seq 1..n, root recomputed = stored, queue empty', q.check.ok ? 'ok' : `**BROKEN** ${JSON.stringify(q.check)}`, '', 'ok']);
  }
  if (e?.error || !e) row(['consent endpoint with the sequencer running', `**${e?.error ?? 'not run'}**`, '', '']);
  else {
    for (const r of e.runs) row([`consent endpoint, ${r.name.replace(/_r(\d+)$/, ', round $1').replace(/_c50/, ', 50 conn').replace('one_1link', 'one tenant, one link').replace(/one_(\d+)links/, 'one tenant, $1 links').replace('mixed50', '50 tenants mixed')} (${e.durationS} s)`, `${r.reqPerSec} req/s${r.failed ? ` (${r.failed} failed)` : ''}, p50 ${r.p50} / p99 ${r.p99} ms`, la(r.load), '']);
    row(['one tenant alone / 50 tenants mixed, 50 conn (medians): one link · several links', `**${e.ratios.oneLinkVsMixed}** · **${e.ratios.manyLinksVsMixed}** (${e.capacity.oneLink} · ${e.capacity.manyLinks} vs ${e.capacity.mixed} req/s)`, '', '≥ 0.95']);
    const p = e.paced;
    row([`paced open loop at ${p.rate} req/s (80 % of one tenant's capacity, ${e.links} links): response p50 / p99`, `${p.response.p50} / **${p.response.p99}** ms (${p.ok} of ${p.sent} answered 201)`, `${la(p.load.before)} → ${la(p.load.after)}`, 'p99 < 100 ms']);
    if (p.leadIn) row([`… after a lead-in of ${p.leadIn.seconds} s at the same rate, not counted (its p50 / p99)`, `${p.leadIn.p50} / ${p.leadIn.p99} ms (${p.leadIn.sent} sent)`, '', '']);
    if (p.secondsP99) row(['… response p99 of each second of the measured window', p.secondsP99.join(' · ') + ' ms', '', '']);
    if (p.vacuumsDuring) {
      const v = p.vacuumsDuring.map((x) => `${x.what} ${x.rel.replace(/^public\./, '')} at ${x.atS} s (${x.ms} ms)`).join('; ');
      row(['… autovacuum stand-in runs overlapping the window', v || 'none', '', '']);
    }
    row(['… submission → in a signed checkpoint: p50 / p99 / max', `${p.sealed.p50} / **${p.sealed.p99}** / ${p.sealed.max} ms (${p.sealed.events} events${p.sealed.unsealed ? `, **${p.sealed.unsealed} unsealed**` : ''})`, '', 'p99 < 1 s']);
    row(['log of the loaded tenant afterwards: seq 1..n, root recomputed = stored, queue empty', e.check.ok ? `ok (${e.check.events} events)` : `**BROKEN** ${JSON.stringify(e.check)}`, '', 'ok']);
    const av = e.autovacuum;
    if (av?.active)
      row([
        "autovacuum: off on this machine's server, so the bench ran it for the endpoint's database (bench/autovacuum.ts, the server's thresholds and cost delay)",
        `${av.vacuums} VACUUM, ${av.analyzes} ANALYZE, every ${av.naptimeS} s`,
        '',
        '',
      ]);
  }
  md.push('');
}

if (addressBook) {
  const ab = addressBook;
  md.push(`#### Address-book import (PostgreSQL, \`bench/address-book.ts\`): ${ab.cards?.toLocaleString('en')} cards (${ab.fileMb} MB) against ${ab.events?.toLocaleString('en')} events`, '');
  row(['what', 'measured (median of rounds)', 'target']);
  row(['---', '---:', '---']);
  if (ab.error) row(['error', ab.error, '']);
  else {
    row([`parse + normalise + match, cold process / warm (${ab.rounds} rounds; CPU of the cold run)`, `**${ab.importColdMs}** / ${ab.importWarmMs} ms (CPU ${ab.importColdCpuMs} ms; parse ${ab.parseColdMs}, match ${ab.matchColdMs})`, '< 3 s']);
    row(['baseline: read the file + one indexed lookup, cold / warm', `${ab.baselineColdMs} / ${ab.baselineWarmMs} ms`, '']);
    row(['import / baseline, cold · warm', `${ab.ratioCold} · ${ab.ratioWarm}`, '']);
    row(['peak RSS of the import process (baseline process)', `**${ab.peakRssMb} MB** (${ab.baselinePeakRssMb} MB)`, '< 300 MB']);
    md.push('', `Load average during the run: ${ab.load?.join(' / ')} on ${machine.nproc} cores.`, '');
    md.push('<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the match statement</summary>', '', '```', ab.explain, '```', '</details>', '');
  }
}

if (page && 'load' in page) {
  const kB = (b: number) => (b / 1024).toFixed(1);
  const { load, bytes, lighthouse: lh } = page;
  md.push(`#### Public pages (${page.database}, ${page.connections} connections, ${page.durationS} s per run; ping and page interleaved twice, best run each)`, '');
  md.push('TTFB = request written → response headers parsed (autocannon client events); latency = the whole response.');
  md.push('Requests carry a browser’s headers (gzip accepted; the first step counts a link open, in memory).', '');
  row(['run', 'req/s', 'TTFB p50 / p99 ms', 'full response p50 / p99 ms', 'failed']);
  row(['---', '---:', '---:', '---:', '---:']);
  for (const r of load.runs) row([r.name, r.reqPerSec, `${r.ttfb.p50} / ${r.ttfb.p99}`, `${r.latency.p50} / **${r.latency.p99}**`, r.failed]);
  md.push('', `First step / GET no-op route: **${load.pageVsPing ?? '–'}** (target ≥ 1,000 req/s or ≥ 0.5 of the no-op route; p99 < 50 ms).`, '');
  md.push('Bytes per page in headless Chromium, a fresh context each (nothing cached), as transferred (gzip, with headers) — logo excluded:', '');
  row(['page', 'status', 'requests', 'HTML kB', 'CSS kB', 'JS kB', 'script tags', 'total kB', 'target']);
  row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']);
  for (const b of bytes) row([b.page, b.status, b.requests, kB(b.html), kB(b.css), `**${kB(b.js)}**`, b.scriptTags, kB(b.totalExclLogo), b === bytes[0] ? 'JS 0, ≤ 20 kB' : 'JS 0']);
  const lhRow = (name: string, r: (typeof lh.runs)[number] | null, target = '') =>
    row([name, ...(r && 'performance' in r ? [r.performance, r.accessibility, r.bestPractices, r.fcpMs, r.lcpMs, r.tbtMs, r.cls, r.benchmarkIndex, (r.failingAudits ?? []).join(' ')] : [r ? `error: ${r.error.slice(0, 80)}` : '–', '', '', '', '', '', '', '', '']), target]);
  md.push('', 'Lighthouse (npm package, mobile: default emulation and simulated throttling), headless Chromium:', '');
  row(['page', 'performance', 'accessibility', 'best practices', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'benchmarkIndex', 'failing audits', 'target']);
  row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---']);
  for (const [i, r] of lh.runs.entries()) lhRow(`first step, run ${i + 1}`, r);
  row([`**first step, median of ${lh.runs.length}**`, `**${lh.median.performance}**`, `**${lh.median.accessibility}**`, `**${lh.median.bestPractices}**`, '', '', '', '', '', '', 'perf ≥ 98, a11y 100, bp 100']);
  lhRow('details step (the form)', lh.details);
  md.push('');
}

writeFileSync(path.join(dir, 'latest.md'), md.join('\n'));
console.log(md.join('\n'));
