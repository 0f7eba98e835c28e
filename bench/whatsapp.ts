// WhatsApp channel benchmark (issue #17), PostgreSQL, run by bench/run.sh (part `whatsapp`; BENCH_PARTS=whatsapp alone).
// Runs under tsx with scripts/server-only-hook.mjs (it uses lib/ like scripts/worker.ts).
//
//   whatsapp.ts seed            migrates DATABASE_URL, seeds BENCH_WA_TENANTS (10) tenants with a published notice, an
//                               invite link and a WhatsApp connection (app secret known here), writes targets as JSON.
//   whatsapp.ts webhook         1. webhook (server at NEXT_URL): a paced open loop at BENCH_WA_RATE (200) deliveries/s for BENCH_DURATION s
//                                  (latency from each request's due time, no coordinated omission), each delivery a
//                                  correctly signed Cloud API payload with a fresh message id; interleaved with the same
//                                  loop against the server's no-op POST route (BENCH_ROUTES=1), BENCH_ROUNDS pairs:
//                                  p99 of each, and webhook p99 / no-op p99 per round (median reported); each round
//                                  also runs the same deliveries against a bare node:http server in a child process
//                                  (bareP99: the load generator's own floor on this machine);
//   whatsapp.ts process         2. processing (server stopped, so no worker of its own competes): BENCH_WA_MESSAGES (10,000) inbound messages queued in the inbox (as the
//                                  webhook stores them: 80 % ordinary text, 10 % "Stopp" from numbers the ledger has
//                                  never seen → an opt_out event and a reply each, 5 % "bitte stoppen" → review list,
//                                  5 % delivered statuses), spread over the tenants, processed by BENCH_WA_WORKERS (4)
//                                  loops of lib/whatsapp/worker.ts's processDueInbox; baselines in the same run: the same
//                                  number of rows through the same claim and a per-item tenant transaction without
//                                  processItem (baseline, as before #17's batching), and through the worker's own
//                                  structure — one tenant transaction per tenant's share, marked done by markInboxDone —
//                                  without processItem (baselineBatched: the queue's own ceiling). Rate = rows / wall
//                                  time, ratio = rate / baseline, ratioBatched = rate / baselineBatched.
// The webhook part measures the server as deployed (its own workers running); the processing part runs in this process
// against the database directly, after run.sh stopped the server.
// Env: DATABASE_URL, NEXT_URL (measure), TARGETS (measure), BENCH_DURATION (20), BENCH_ROUNDS (2), BENCH_WA_RATE,
//      BENCH_WA_MESSAGES, BENCH_WA_WORKERS, BENCH_WA_TENANTS, WHATSAPP_SECRETS_KEY (the server's).
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { migratePostgres, openPostgres, setDbHandle, type Db } from '@/db';
import { whatsappInbox } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { connectWhatsapp } from '@/lib/whatsapp/connect';
import { byTenant, claimInbox, markInboxDone, processDueInbox } from '@/lib/whatsapp/worker';
import { pacedPosts, pct } from './open-loop';

type Target = { tenantId: string; slug: string; phoneNumberId: string; displayNumber: string; appSecret: string };

const [mode] = process.argv.slice(2);
const URL_DB = process.env.DATABASE_URL ?? '';
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const RATE = Number(process.env.BENCH_WA_RATE ?? 200);
const MESSAGES = Number(process.env.BENCH_WA_MESSAGES ?? 10_000);
const WORKERS = Number(process.env.BENCH_WA_WORKERS ?? 4);
const TENANTS = Number(process.env.BENCH_WA_TENANTS ?? 10);
const log = (...a: unknown[]) => console.error('bench/whatsapp:', ...a);

async function seed() {
  await migratePostgres(URL_DB);
  const handle = await openPostgres(URL_DB, { max: 2 });
  setDbHandle(handle);
  const targets: Target[] = [];
  for (let i = 0; i < TENANTS; i++) {
    const s = await seedTenantWithLink(`wa-bench-${i}`);
    const t = { tenantId: s.tenant.id, slug: s.tenant.slug, phoneNumberId: `10${String(i).padStart(13, '0')}`, displayNumber: `+4930${String(1000000 + i)}`, appSecret: `bench-app-secret-${i}-${randomUUID()}` };
    await withTenant(t.tenantId, (tx) =>
      connectWhatsapp(tx, t.tenantId, { phoneNumberId: t.phoneNumberId, businessAccountId: `waba-${i}`, displayNumber: t.displayNumber, accessToken: `bench-token-${i}-xxxx`, appSecret: t.appSecret }, { simulated: true }),
    );
    targets.push(t);
  }
  await handle.close();
  process.stdout.write(JSON.stringify(targets) + '\n');
}

let seq = 0;
/** A signed Cloud API delivery of one text message from a fresh number to tenant `t`. */
function delivery(t: Target, text: string) {
  seq++;
  const from = `49151${String(seq).padStart(8, '0')}`;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'BENCH-WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: t.displayNumber.slice(1), phone_number_id: t.phoneNumberId },
              contacts: [{ profile: { name: 'Bench' }, wa_id: from }],
              messages: [{ from, id: `wamid.BENCH${randomUUID().replace(/-/g, '')}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', t.appSecret).update(body).digest('hex')}`;
  return { path: '/api/whatsapp/webhook', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'content-length': String(Buffer.byteLength(body)) } };
}

type Req = { path: string; body: string; headers: Record<string, string> };
type Latency = { name: string; sent: number; ok: number; p50: number; p99: number; max: number; statusCodes: Record<string, number> };
const r1 = (v: number) => Math.round(v * 10) / 10;

/** The paced open loop (bench/open-loop.ts) against NEXT_URL; `ok` counts answers with okStatus. */
async function openLoop(name: string, okStatus: number, build: () => Req, base = process.env.NEXT_URL ?? ''): Promise<Latency> {
  const run = await pacedPosts(base, RATE, DURATION, build);
  const l = run.latencies;
  return { name, sent: run.sent, ok: run.statusCodes[String(okStatus)] ?? 0, p50: r1(pct(l, 50)), p99: r1(pct(l, 99)), max: r1(l.at(-1) ?? NaN), statusCodes: run.statusCodes };
}

const noop = (): Req => ({ path: '/api/bench/noop', body: '{}', headers: { 'content-type': 'application/json', 'content-length': '2' } });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The load generator's floor on this machine: a bare node:http server in a child process (reads the body, answers 204). */
async function bareServer(): Promise<{ url: string; stop: () => void }> {
  const code = `require('http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(204); s.end(); }); })
    .listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); })`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function webhookLatency(targets: Target[]) {
  const pick = () => targets[seq % targets.length]!;
  // Warm-up: both routes compiled and connections open.
  for (let i = 0; i < 100; i++) await fetch(`${process.env.NEXT_URL}${i % 2 ? '/api/bench/noop' : '/api/whatsapp/webhook'}`, { method: 'POST', ...(i % 2 ? { body: '{}' } : (({ body, headers }) => ({ body, headers }))(delivery(pick(), `warm ${i}`))) });
  const rounds: { bare: Latency; noop: Latency; webhook: Latency; ratio: number }[] = [];
  const bare = await bareServer();
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const floor = await openLoop(`bare_node_http_${RATE}`, 204, () => delivery(pick(), `Hallo, eine Frage zu meinem Termin ${seq}`), bare.url);
      log(JSON.stringify(floor));
      const base = await openLoop(`noop_${RATE}`, 204, noop);
      log(JSON.stringify(base));
      const hook = await openLoop(`webhook_${RATE}`, 200, () => delivery(pick(), `Hallo, eine Frage zu meinem Termin ${seq}`));
      log(JSON.stringify(hook));
      rounds.push({ bare: floor, noop: base, webhook: hook, ratio: Math.round((hook.p99 / base.p99) * 100) / 100 });
    }
  } finally {
    bare.stop();
  }
  const ratios = rounds.map((r) => r.ratio);
  return { rate: RATE, seconds: DURATION, rounds, bareP99: median(rounds.map((r) => r.bare.p99)), webhookP99: median(rounds.map((r) => r.webhook.p99)), noopP99: median(rounds.map((r) => r.noop.p99)), p99Ratio: median(ratios), p99RatioMin: Math.min(...ratios), p99RatioMax: Math.max(...ratios), targetP99Ms: 50 };
}

/** Queues `n` inbound items as the webhook stores them, spread over the tenants (one multi-row insert per 1,000); `tag` is one digit (wa_ids are digits only). */
async function queue(db: Db, targets: Target[], n: number, tag: string) {
  const now = Date.now();
  for (let from = 0; from < n; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - from) }, (_, j) => {
      const i = from + j;
      const t = targets[i % targets.length]!;
      const waId = `49160${tag}${String(i).padStart(7, '0')}`;
      const kind = i % 20;
      const occurredAt = new Date(now - 60_000 + i);
      if (kind === 19) return { tenantId: t.tenantId, externalKey: `wamid.S${tag}${i}:delivered`, kind: 'status', messageId: `wamid.S${tag}${i}`, waId, itemType: 'delivered', occurredAt };
      const text = kind < 2 ? 'Stopp!' : kind === 2 ? 'Bitte stoppen Sie das Angebot' : `Hallo, wann haben Sie geöffnet? ${i}`;
      return { tenantId: t.tenantId, externalKey: `wamid.M${tag}${i}`, kind: 'message', messageId: `wamid.M${tag}${i}`, waId, itemType: 'text', body: text, occurredAt };
    });
    await db.insert(whatsappInbox).values(rows);
  }
}

/** The queue's ceiling: claim like processDueInbox, then only mark each item done in its tenant transaction. */
async function baselinePass(db: Db, limit = 50): Promise<number> {
  const rows = await claimInbox(db, limit); // the worker's own claim, so the baseline cannot drift from it
  for (const row of rows)
    await withTenant(row.tenantId, (tx) =>
      tx
        .update(whatsappInbox)
        .set({ status: 'sent', processedAt: sql`now()`, outcome: 'baseline', body: null })
        .where(and(eq(whatsappInbox.tenantId, row.tenantId), eq(whatsappInbox.id, row.id))),
    );
  return rows.length;
}

/** The ceiling of the worker's batched structure: the same claim, one tenant transaction per tenant's share marking it done. */
async function batchedBaselinePass(db: Db, limit = 50): Promise<number> {
  const rows = await claimInbox(db, limit);
  for (const batch of byTenant(rows))
    await withTenant(batch[0]!.tenantId, (tx) =>
      markInboxDone(
        tx,
        batch[0]!.tenantId,
        batch,
        batch.map(() => 'baseline'),
      ),
    );
  return rows.length;
}

/** Runs WORKERS loops of `pass` until the inbox has no pending row; rows per second of wall time. */
async function drain(db: Db, pass: (db: Db) => Promise<number>) {
  const start = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (;;) {
        const n = await pass(db);
        done += n;
        if (n === 0) return;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { rows: done, seconds: r1(seconds), perSec: Math.round(done / seconds) };
}

async function processing(targets: Target[]) {
  const handle = await openPostgres(URL_DB, { max: WORKERS * 2 + 2 });
  setDbHandle(handle);
  const db = handle.db;
  // Whatever the webhook part stored is not part of this measurement.
  await db.update(whatsappInbox).set({ status: 'sent', outcome: 'bench_webhook_part' }).where(eq(whatsappInbox.status, 'pending'));
  await queue(db, targets, MESSAGES, '1');
  const baseline = await drain(db, (d) => baselinePass(d));
  log('baseline', JSON.stringify(baseline));
  await queue(db, targets, MESSAGES, '3');
  const baselineBatched = await drain(db, (d) => batchedBaselinePass(d));
  log('baseline batched', JSON.stringify(baselineBatched));
  await queue(db, targets, MESSAGES, '2');
  const processed = await drain(db, (d) => processDueInbox(d, 50));
  log('processed', JSON.stringify(processed));
  const outcomes = await withSystem((tx) =>
    tx.execute(sql`select outcome, status, count(*)::int as n from whatsapp_inbox where external_key like 'wamid._2%' group by 1, 2 order by 3 desc`),
  );
  await handle.close();
  const ratio = (x: { perSec: number }) => Math.round((processed.perSec / x.perSec) * 100) / 100;
  return { messages: MESSAGES, workers: WORKERS, tenants: targets.length, baseline, baselineBatched, processed, ratio: ratio(baseline), ratioBatched: ratio(baselineBatched), targetPerSec: 500, outcomes: (outcomes as unknown as { rows?: unknown[] }).rows ?? outcomes };
}

if (mode === 'seed') await seed();
else if (mode === 'webhook' || mode === 'process') {
  const targets = JSON.parse(readFileSync(process.env.TARGETS ?? '', 'utf8')) as Target[];
  const out = mode === 'webhook' ? { webhook: await webhookLatency(targets) } : { processing: await processing(targets) };
  process.stdout.write(JSON.stringify(out) + '\n');
} else throw new Error('usage: whatsapp.ts seed | webhook | process');
