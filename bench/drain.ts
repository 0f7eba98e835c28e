// Consent endpoint latency while a backlog of evidence receipt mails drains (issue #13's target: p99 during the drain
// within 1.5× of the idle p99 of the same server in the same run). Run by bench/run.sh (part `drain`, PostgreSQL):
//
//   drain.ts queue            submits BENCH_DRAIN_MAILS (+ 20 for the mail warm-up) opt-ins through the endpoint (10 connections) to each backlog
//                             tenant (targets[1], targets[2], …: tenants with an evidence address), so each decision
//                             queues one deferred `evidence_receipt` row, exactly as in production; then moves every
//                             pending outbox row into the table bench_drain_hold (nothing is due, nothing is queued).
//   drain.ts measure <mode> <backlog index>
//                             mode `inproc`: the server at NEXT_URL runs its in-process mail worker (the default);
//                             mode `separate`: the server runs with MAIL_WORKER=0 and this script starts `npm run worker`'s
//                             command (scripts/worker.ts) as a process of its own, before the idle run.
//                             1. warm-up: 500 requests, then MAIL_WARM (20) receipts of the backlog sent (render
//                                thread started); then the outbox has no pending mail (checked);
//                             2. idle: 10 connections for BENCH_DURATION s to the load tenant (targets[0], whose
//                                evidence address the run script cleared, so the load itself queues no mail);
//                             3. the backlog tenant's held rows go back into mail_outbox, due now (+ NOTIFY for the
//                                separate worker); waits for the first receipt sent;
//                             4. drain: the same load again; mails sent inside the window counted from sent_at (database
//                                clock) and from the Resend stub's counter; pending rows at the window's start and end;
//                             repeated BENCH_DRAIN_ROUNDS times (3; from round 2 the backlog's unclaimed rows are held
//                             again, and the mails in hand sent, before the idle run); the median-ratio round is reported;
//                             5. the same time again without load: the drain rate of the worker alone, for comparison;
//                             6. worker stopped (separate), pending rows held again for the next measurement.
// Mail goes to the Resend stub (bench/resend-stub-server.ts) with RESEND_RATE_LIMIT high, so the drain is bound by
// composing and rendering receipts (PDF in the render thread), not by the provider's rate.
// Env: NEXT_URL, TARGETS, DATABASE_URL (the bench database, superuser), STUB_STATS_URL, BENCH_DURATION (20),
//      BENCH_DRAIN_MAILS (5000), BENCH_DRAIN_ROUNDS (3), and for `separate` the worker's env (RESEND_*, AUTH_SECRET, APP_URL) inherited.
// Prints progress to stderr and one JSON line to stdout (measure only).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import type { RunResult } from './consent';
import type { Target } from './seed';

const NEXT_URL = process.env.NEXT_URL ?? '';
if (new URL(NEXT_URL).hostname !== '127.0.0.1') throw new Error(`only 127.0.0.1 is a target, not ${NEXT_URL}`);
const targets = JSON.parse(readFileSync(process.env.TARGETS ?? '', 'utf8')) as Target[];
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const MAILS = Number(process.env.BENCH_DRAIN_MAILS ?? 5000);
const ROUNDS = Number(process.env.BENCH_DRAIN_ROUNDS ?? 3); // idle/drain pairs per mode; the median ratio is reported
/** Receipts sent before round 1 (not measured): the render thread started and the mail path warm, as in a running server. */
const MAIL_WARM = 20;
const CONNECTIONS = 10;
const TARGET_RATIO = 1.5;
if (!(DURATION > 0 && DURATION <= 600) || !(MAILS >= 1 && MAILS <= 100_000) || !(ROUNDS >= 1 && ROUNDS <= 10) || targets.length < 2) throw new Error('bad BENCH_DURATION, BENCH_DRAIN_MAILS, BENCH_DRAIN_ROUNDS or TARGETS');
const sql = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });

let n = 0;
/** A fresh opt-in (new idempotency key and phone number; no e-mail, so no contact receipt) to tenant `t`. */
function consentRequest(t: Target) {
  n++;
  return {
    method: 'POST' as const,
    path: `/api/public/consent/${t.slug}/${t.token}`,
    headers: { 'content-type': 'application/json', 'user-agent': 'einwilligung-bench', 'x-forwarded-for': `198.51.100.${(n % 250) + 1}` },
    body: JSON.stringify({
      decision: 'opt_in',
      noticeVersionId: t.noticeVersionId,
      confirmed: '1',
      name: `Drain Kunde ${n}`,
      phone: `+49160${String(n).padStart(8, '0')}`,
      idempotencyKey: randomUUID(),
      locale: n % 2 ? 'de' : 'en',
    }),
  };
}

function cannon(name: string, t: Target, opts: { duration?: number; amount?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      { url: NEXT_URL, connections: CONNECTIONS, timeout: 10, ...opts, requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...consentRequest(t) }) }] },
      (err: Error | null, r: autocannon.Result) => {
        clearTimeout(guard);
        if (err) return reject(err);
        const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
        const ok = statusCodes['201'] ?? 0;
        const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
        resolve({ name, connections: r.connections, seconds: r.duration, ok, reqPerSec: Math.round(ok / r.duration), p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, failed: total - ok + r.errors, statusCodes });
      },
    ) as autocannon.Instance & { stop: () => void };
    const guard = setTimeout(() => inst.stop(), ((opts.duration ?? 120) + 60) * 1000);
  });
}

const log = (r: RunResult) =>
  console.error(`${r.name.padEnd(22)} ${String(r.reqPerSec).padStart(6)} req/s  p50 ${String(r.p50).padStart(6)} ms  p99 ${String(r.p99).padStart(6)} ms  ok ${r.ok}  failed ${r.failed}`);
const tenantId = async (t: Target) => (await sql<{ id: string }[]>`select id from tenants where slug = ${t.slug}`)[0]!.id;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stubStats = async () => (await (await fetch(process.env.STUB_STATS_URL ?? '')).json()) as { delivered: number; attachmentBytes: number; withoutPdf: number; byOutcome: Record<string, number> };

async function holdPending(): Promise<number> {
  await sql`create table if not exists bench_drain_hold (like mail_outbox including defaults)`;
  const [r] = await sql<{ n: number }[]>`with moved as (delete from mail_outbox where status = 'pending' returning *),
    ins as (insert into bench_drain_hold select * from moved returning 1) select count(*)::int as n from ins`;
  return r!.n;
}

async function queue() {
  const backlog = targets.slice(1).filter((_, i) => (process.env.BENCH_DRAIN_BACKLOGS ?? '1').split(',').map(Number).includes(i + 1));
  for (const t of backlog) {
    const id = await tenantId(t);
    const t0 = performance.now();
    for (let attempt = 0; attempt < 4; attempt++) {
      const [{ have }] = await sql<{ have: number }[]>`select count(*)::int as have from mail_outbox where tenant_id = ${id} and kind = 'evidence_receipt'`;
      if (have >= MAILS + MAIL_WARM) break;
      const r = await cannon(`queue_${t.slug}`, t, { amount: MAILS + MAIL_WARM - have });
      log(r);
    }
    const [{ have }] = await sql<{ have: number }[]>`select count(*)::int as have from mail_outbox where tenant_id = ${id} and kind = 'evidence_receipt' and status = 'pending'`;
    console.error(`drain: ${have} evidence receipts queued for ${t.slug} through the endpoint in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (have < MAILS + MAIL_WARM) throw new Error(`only ${have} of ${MAILS + MAIL_WARM} receipts queued for ${t.slug}`);
  }
  console.error(`drain: ${await holdPending()} pending rows held in bench_drain_hold`);
}

function startWorker(): Promise<ChildProcess> {
  const child = spawn('node_modules/.bin/tsx', ['--import', './scripts/server-only-hook.mjs', 'scripts/worker.ts'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'info', MAIL_WORKER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  process.on('exit', () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`npm run worker did not start within 90 s: ${out.slice(-2000)}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('mail worker started')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run worker exited (${code}): ${out.slice(-2000)}`));
    });
  });
}

async function stopWorker(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {}
}

type Counts = { at: Date; sent: number; pending: number; stub: Awaited<ReturnType<typeof stubStats>> };
async function counts(id: string): Promise<Counts> {
  const [r] = await sql<{ at: Date; sent: number; pending: number }[]>`select clock_timestamp() as at,
    count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'pending')::int as pending
    from mail_outbox where tenant_id = ${id} and kind = 'evidence_receipt'`;
  return { ...r!, stub: await stubStats() };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const medianOf = (xs: number[]) => {
  const v = [...xs].sort((x, y) => x - y);
  return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};

/** Rounds 2..: the backlog's unclaimed rows go back into the hold table; waits until the mails in hand are sent. */
async function holdBacklog(backlogId: string) {
  await sql`with moved as (delete from mail_outbox where tenant_id = ${backlogId} and status = 'pending' and attempts = 0 returning *)
    insert into bench_drain_hold select * from moved`;
  const t0 = performance.now();
  for (;;) {
    const [{ pending }] = await sql<{ pending: number }[]>`select count(*)::int as pending from mail_outbox where status = 'pending'`;
    if (pending === 0) return;
    if (performance.now() - t0 > 60_000) throw new Error(`${pending} mails still pending 60 s after the backlog was held`);
    await sleep(100);
  }
}

/** Puts the held rows back into the outbox, due now (never composed: html empty, deferred), and wakes the worker. */
async function releaseBacklog(backlogId: string): Promise<number> {
  const [{ released }] = await sql<{ released: number }[]>`with moved as (delete from bench_drain_hold where tenant_id = ${backlogId} and kind = 'evidence_receipt' returning *),
    ins as (insert into mail_outbox (id, tenant_id, kind, "to", subject, html, text, attachments, related_id, status, lane, attempts,
              next_attempt_at, last_error, provider_message_id, created_at, sent_at) select id, tenant_id, kind, "to", subject, html, text, attachments, related_id, status, lane, attempts,
              clock_timestamp(), last_error, provider_message_id, created_at, sent_at from moved returning 1)
    select count(*)::int as released from ins`;
  await sql`select pg_notify('mail_outbox_kick', '')`;
  return released;
}

/** Sends MAIL_WARM of the backlog's receipts and waits until they are sent (render thread started, code paths warm). */
async function warmMail(backlogId: string) {
  const t0 = performance.now();
  await sql`with moved as (delete from bench_drain_hold where id in (select id from bench_drain_hold where tenant_id = ${backlogId} limit ${MAIL_WARM}) returning *)
    insert into mail_outbox (id, tenant_id, kind, "to", subject, html, text, attachments, related_id, status, lane, attempts, next_attempt_at, created_at)
    select id, tenant_id, kind, "to", subject, html, text, attachments, related_id, status, lane, attempts, clock_timestamp(), created_at from moved`;
  await sql`select pg_notify('mail_outbox_kick', '')`;
  for (;;) {
    const [{ pending }] = await sql<{ pending: number }[]>`select count(*)::int as pending from mail_outbox where status = 'pending'`;
    if (pending === 0) break;
    if (performance.now() - t0 > 180_000) throw new Error(`mail warm-up: ${pending} of ${MAIL_WARM} receipts not sent within 180 s`);
    await sleep(100);
  }
  console.error(`drain: mail warm-up, ${MAIL_WARM} receipts sent in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function oneRound(mode: string, r: number, load: Target, backlogId: string) {
  if (r > 1) await holdBacklog(backlogId);
  const [{ pending }] = await sql<{ pending: number }[]>`select count(*)::int as pending from mail_outbox where status = 'pending'`;
  if (pending !== 0) throw new Error(`${pending} mails pending before the idle run: the load tenant must queue none`);

  const idleBefore = await counts(backlogId);
  const idle = await cannon(`idle_${mode}_r${r}`, load, { duration: DURATION });
  log(idle);
  const idleAfter = await counts(backlogId);

  const released = await releaseBacklog(backlogId);
  const releasedAt = performance.now();
  let first = await counts(backlogId);
  while (first.sent === idleAfter.sent && performance.now() - releasedAt < 30_000) {
    await sleep(50);
    first = await counts(backlogId);
  }
  if (first.sent === idleAfter.sent) throw new Error('no receipt sent within 30 s of the release: is the worker running?');
  const secondsToFirstSend = Math.round(performance.now() - releasedAt) / 1000;
  console.error(`drain: ${released} receipts released; first sent after ${secondsToFirstSend} s`);

  const start = await counts(backlogId);
  const drain = await cannon(`drain_${mode}_r${r}`, load, { duration: DURATION });
  log(drain);
  const end = await counts(backlogId);
  const [w] = await sql<{ n: number; first: number | null; last: number | null }[]>`select count(*)::int as n,
    extract(epoch from min(sent_at) - ${start.at}::timestamptz)::float8 as first, extract(epoch from max(sent_at) - ${start.at}::timestamptz)::float8 as last
    from mail_outbox where tenant_id = ${backlogId} and kind = 'evidence_receipt' and sent_at >= ${start.at} and sent_at < ${end.at}`;
  const [bad] = await sql<{ dead: number; errored: number }[]>`select count(*) filter (where status = 'dead')::int as dead,
    count(*) filter (where last_error is not null)::int as errored from mail_outbox where tenant_id = ${backlogId}`;
  const windowS = (end.at.getTime() - start.at.getTime()) / 1000;
  const window = {
    seconds: round(windowS),
    sentInWindow: w!.n,
    sentPerSec: round(w!.n / windowS, 1),
    firstSentAfterS: w!.first === null ? null : round(w!.first),
    lastSentAfterS: w!.last === null ? null : round(w!.last),
    pendingAtStart: start.pending,
    pendingAtEnd: end.pending,
    // The worker had due mail through the whole window: the backlog was not empty at its end (sends themselves are
    // spaced by the compose time, so the last one need not fall into the window's last second).
    coveredWindow: end.pending > 0 && w!.n > 0,
    stubDeliveredInWindow: end.stub.delivered - start.stub.delivered,
    stubAvgAttachmentKb: end.stub.delivered > start.stub.delivered ? round((end.stub.attachmentBytes - start.stub.attachmentBytes) / (end.stub.delivered - start.stub.delivered) / 1024, 1) : null,
    stubWithoutPdf: end.stub.withoutPdf,
    dead: bad!.dead,
    errored: bad!.errored,
  };
  const p99Ratio = idle.p99 ? round(drain.p99 / idle.p99) : null;
  console.error(`drain (${mode}, round ${r}): p99 ${drain.p99} / ${idle.p99} ms idle = ${p99Ratio} (target ≤ ${TARGET_RATIO}); ${JSON.stringify(window)}`);
  return { round: r, mails: released, idle, drain, p99Ratio, idleWindow: { sentInWindow: idleAfter.sent - idleBefore.sent }, secondsToFirstSend, window, end };
}

async function measure(mode: 'inproc' | 'separate', backlogIndex: number) {
  const load = targets[0]!;
  const backlog = targets[backlogIndex]!;
  const backlogId = await tenantId(backlog);
  const [{ held }] = await sql<{ held: number }[]>`select count(*)::int as held from bench_drain_hold where tenant_id = ${backlogId} and kind = 'evidence_receipt'`;
  if (held < MAILS + MAIL_WARM) throw new Error(`only ${held} held receipts for ${backlog.slug}: run drain.ts queue first`);
  const worker = mode === 'separate' ? await startWorker() : null;
  try {
    await cannon('warmup', load, { amount: 500 });
    await warmMail(backlogId);
    const rounds: Awaited<ReturnType<typeof oneRound>>[] = [];
    for (let r = 1; r <= ROUNDS; r++) rounds.push(await oneRound(mode, r, load, backlogId));
    // The drain rate with no load, for comparison: the same time again, the worker alone (is it starved under load?).
    const last = rounds.at(-1)!.end;
    let unloaded: { seconds: number; sent: number; sentPerSec: number; pendingAtEnd: number } | null = null;
    if (last.pending > 0) {
      await sleep(DURATION * 1000);
      const after = await counts(backlogId);
      const s = (after.at.getTime() - last.at.getTime()) / 1000;
      unloaded = { seconds: round(s), sent: after.sent - last.sent, sentPerSec: round((after.sent - last.sent) / s, 1), pendingAtEnd: after.pending };
      console.error(`drain (${mode}): then without load ${JSON.stringify(unloaded)}`);
    }
    // The reported pair is the round with the median ratio; every round's figures are kept.
    const ratios = rounds.map((x) => x.p99Ratio ?? NaN);
    const median = rounds.slice().sort((a, b) => (a.p99Ratio ?? NaN) - (b.p99Ratio ?? NaN))[Math.floor(rounds.length / 2)]!; // upper median for an even count
    const strip = ({ end: _end, ...x }: (typeof rounds)[number]) => x;
    const result = {
      mode,
      connections: CONNECTIONS,
      durationS: DURATION,
      target: TARGET_RATIO,
      ...strip(median),
      p99RatioSpread: { ratios, min: Math.min(...ratios), median: round(medianOf(ratios)), max: Math.max(...ratios) },
      rounds: rounds.map(strip),
      unloaded,
    };
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    if (worker) await stopWorker(worker);
    // Whatever is left waits for the next measurement in the hold table (a server started next must not see it due).
    console.error(`drain: ${await holdPending()} pending rows held again`);
  }
}

const [phase, mode, index] = process.argv.slice(2);
try {
  if (phase === 'queue') await queue();
  else if (phase === 'measure' && (mode === 'inproc' || mode === 'separate')) await measure(mode, Number(index ?? 1));
  else throw new Error('usage: drain.ts queue | measure inproc|separate <backlog index>');
} finally {
  await sql.end({ timeout: 5 });
}
