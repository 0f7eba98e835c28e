// Address-book import at scale (issue #12; real PostgreSQL; part `addressbook` of bench/run.sh, runnable alone):
//   node_modules/.bin/tsx --import ./scripts/server-only-hook.mjs bench/address-book.ts
// 1. A fresh database einw_bench_ab_* on BENCH_PG: one tenant (lib seed: owner, published notice, link) whose ledger
//    gets BENCH_AB_EVENTS (1,000,000) events over BENCH_AB_EVENTS / 2 contacts, generated in SQL (generate_series; two
//    decisions per contact, statuses mixed: opted in, refused, withdrawn, pending). The hashes are random, not a chain:
//    matching reads contacts and events, never the chain. Then VACUUM ANALYZE.
// 2. A vCard of BENCH_AB_CARDS (20,000) cards as an iPhone writes it (3.0, item1.TEL + X-ABLabel, 1–3 numbers in
//    national, +49, 0049 and +49 (0) notation, 5 % with a PHOTO, duplicates across cards, invalid numbers): about 60 %
//    of the cards carry a number the ledger knows.
// 3. BENCH_AB_ROUNDS (3) rounds, each two child processes (so each peak RSS is its own): the baseline (read the file
//    as a stream, one indexed lookup of one number through withTenant) and the import (stream → parseContactFile →
//    matchNumbers → cardList per card), each timed twice in its process (cold: first run of the process, then warm).
//    Targets: import + match < 3 s, peak RSS < 300 MB. Reported: medians over the rounds, import / baseline ratio.
// The database is dropped at the end unless BENCH_KEEP_DB=1. Progress on stderr, one JSON line on stdout.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { migratePostgres, openPostgres, setDbHandle } from '@/db';
import { parseContactFile } from '@/lib/address-book/parse';
import { cardList, matchNumbers, matchQuery, type ListName } from '@/lib/address-book/match';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';

process.env.AUTH_SECRET ??= 'bench-secret-not-for-production';
const say = (s: string) => console.error(`[addressbook] ${s}`);
const mb = (bytes: number) => Math.round(bytes / 1048576);
const ms = (v: number) => Math.round(v);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fileStream = (file: string) => Readable.toWeb(createReadStream(file, { highWaterMark: 64 * 1024 })) as ReadableStream<Uint8Array>;

// ---------- children ----------
async function importOnce(file: string, tenantId: string) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const parsed = await parseContactFile(fileStream(file));
  const t1 = performance.now();
  const numbers = [...new Set(parsed.cards.flatMap((c) => c.numbers.flatMap((n) => (n.e164 ? [n.e164] : []))))];
  const byNumber = await withTenant(tenantId, (tx) => matchNumbers(tx, numbers));
  const lists: Record<ListName, number> = { stay: 0, go: 0, unknown: 0, waiting: 0 };
  for (const c of parsed.cards) lists[cardList(c, byNumber)]++;
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return { totalMs: ms(t2 - t0), cpuMs: ms((cpu.user + cpu.system) / 1000), parseMs: ms(t1 - t0), matchMs: ms(t2 - t1), cards: parsed.cards.length, issues: parsed.issues.length, numbers: numbers.length, matched: byNumber.size, lists };
}

async function baselineOnce(file: string, tenantId: string) {
  const t0 = performance.now();
  let bytes = 0;
  for await (const chunk of fileStream(file)) bytes += chunk.byteLength;
  const rows = await withTenant(tenantId, (tx) => tx.execute(sql`select status from contacts where tenant_id = ${tenantId} and phone_e164 = '+4915100000001'`));
  const n = Array.isArray(rows) ? rows.length : (rows as { rows: unknown[] }).rows.length;
  return { totalMs: ms(performance.now() - t0), bytes, rows: n };
}

async function child(kind: string, url: string, file: string, tenantId: string) {
  const handle = await openPostgres(url, { max: 2 });
  setDbHandle(handle);
  await withSystem((tx) => tx.execute(sql`select 1`)); // the connection is open before the clock starts
  const rssBeforeMb = mb(process.memoryUsage().rss);
  const run = kind === 'import' ? importOnce : baselineOnce;
  const cold = await run(file, tenantId);
  const warm = await run(file, tenantId);
  await handle.close();
  process.stdout.write(JSON.stringify({ cold, warm, rssBeforeMb, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

function runChild(kind: string, url: string, file: string, tenantId: string) {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), kind, url, file, tenantId], { encoding: 'utf8', timeout: 10 * 60_000 });
  return JSON.parse(out) as { cold: { totalMs: number } & Record<string, unknown>; warm: { totalMs: number }; rssBeforeMb: number; peakRssMb: number };
}

// ---------- seed and file ----------
async function seedLedger(url: string, events: number) {
  const handle = await openPostgres(url, { max: 2 });
  setDbHandle(handle);
  const s = await seedTenantWithLink('bench-ab');
  await handle.close();
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  const contacts = Math.ceil(events / 2);
  const t = performance.now();
  await pg`insert into contacts (tenant_id, id, name, phone_e164, pii_salt, status, status_at, created_at, updated_at)
    select ${s.tenant.id}::uuid, md5(${s.tenant.id} || ':c:' || i)::uuid, 'Kontakt ' || i, '+49151' || lpad(i::text, 8, '0'), md5('s' || i),
      (case i % 10 when 0 then 'opted_out' when 1 then 'withdrawn' when 2 then 'pending' else 'opted_in' end)::contact_status,
      now() - make_interval(mins => ${contacts} - i), now() - make_interval(mins => ${contacts} - i), now()
    from generate_series(1, ${contacts}) i`;
  // Two decisions per contact: refused twice (i % 10 = 0), opt-in then withdrawn (1), two pending opt-ins (2),
  // opt-in then confirmed (the rest).
  await pg`insert into consent_events (tenant_id, seq, canon_version, type, contact_id, notice_version_id, notice_hash, link_id, channel,
      language, idempotency_key, pii_hash, occurred_at, prev_hash, hash)
    select ${s.tenant.id}::uuid, e, 1, x.type::consent_event_type, md5(${s.tenant.id} || ':c:' || c)::uuid,
      case when x.type = 'opt_in' then ${s.version.id}::uuid end, case when x.type = 'opt_in' then ${s.version.textHash} end,
      ${s.linkId}::uuid, 'whatsapp', 'de', 'bench-' || e, md5('p' || e), now() - make_interval(secs => ${events} - e),
      md5('prev' || e) || md5('v' || e), md5('h' || e) || md5('x' || e)
    from generate_series(1, ${events}) e, lateral (select (e + 1) / 2 as c) cc,
      lateral (select case when e % 2 = 1 then (case when c % 10 = 0 then 'opt_out' else 'opt_in' end)
        else (case c % 10 when 0 then 'opt_out' when 1 then 'withdrawn' when 2 then 'opt_in' else 'confirmed' end) end as type) x`;
  await pg`insert into ledger_heads (tenant_id, seq, last_hash) values (${s.tenant.id}, ${events}, 'bench')
    on conflict (tenant_id) do update set seq = excluded.seq`;
  const loadS = Math.round((performance.now() - t) / 100) / 10;
  await pg.unsafe('vacuum analyze contacts');
  await pg.unsafe('vacuum analyze consent_events');
  await pg.end();
  return { tenantId: s.tenant.id, contacts, loadS };
}

/** A small deterministic PRNG (mulberry32), so every run parses the same file. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Jürgen', 'Lea', 'Lukas', 'Zoë', 'Finn', 'Sophie', 'Elias', 'Emma', 'Paul', 'Ayşe', 'Ben', 'Hannah', 'Noah', 'Lina', 'Felix'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weiß', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Öztürk', 'Richter'];
const PHOTO = Buffer.alloc(2400, 7).toString('base64');

/** An iPhone-style vCard 3.0 file of `cards` cards; about 60 % carry a number among the ledger's `known` contacts. */
function vcardFile(cards: number, known: number): string {
  const r = rng(12);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const knownNumber = () => {
    const d = String(1 + Math.floor(r() * known)).padStart(8, '0');
    return pick([`0151 ${d}`, `+49 151 ${d}`, `0049151${d}`, `+49 (0)151 ${d.slice(0, 4)} ${d.slice(4)}`]);
  };
  const other = () => pick([`0160 ${1000000 + Math.floor(r() * 8999999)}`, `030 ${1000000 + Math.floor(r() * 8999999)}`, `+43 664 ${1000000 + Math.floor(r() * 8999999)}`, '12345', '0800 1234567']);
  const out: string[] = [];
  const earlier: string[] = [];
  for (let i = 0; i < cards; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const nums = Array.from({ length: 1 + Math.floor(r() * r() * 3) }, (_, k) => (k === 0 && r() < 0.6 ? knownNumber() : other()));
    if (earlier.length && r() < 0.05) nums.push(pick(earlier)); // the same number on another card
    earlier.push(nums[0]!);
    const lines = ['BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//Apple Inc.//iPhone OS 17.5.1//EN', `N:${last};${first};;;`, `FN:${first} ${last}`];
    nums.forEach((n, k) => lines.push(`item${k + 1}.TEL;type=${k === 0 ? 'CELL' : 'WORK'};type=VOICE;type=pref:${n}`, `item${k + 1}.X-ABLabel:_$!<${k === 0 ? 'Mobile' : 'Work'}>!$_`));
    if (r() < 0.05) {
      const photo = `PHOTO;ENCODING=b;TYPE=JPEG:${PHOTO}`;
      lines.push(photo.slice(0, 75));
      for (let p = 75; p < photo.length; p += 74) lines.push(' ' + photo.slice(p, p + 74));
    }
    lines.push('END:VCARD');
    out.push(lines.join('\r\n'));
  }
  return out.join('\r\n') + '\r\n';
}

/** EXPLAIN (ANALYZE, BUFFERS) of the match statement for the file's numbers, as the app role under RLS. */
async function explainMatch(url: string, file: string, tenantId: string): Promise<string> {
  const handle = await openPostgres(url, { max: 1 });
  setDbHandle(handle);
  const parsed = await parseContactFile(fileStream(file));
  const numbers = [...new Set(parsed.cards.flatMap((c) => c.numbers.flatMap((n) => (n.e164 ? [n.e164] : []))))];
  const plan = await withTenant(tenantId, (tx) => tx.execute(sql`explain (analyze, buffers) ${matchQuery(numbers)}`));
  await handle.close();
  const lines = (Array.isArray(plan) ? plan : (plan as { rows: unknown[] }).rows) as Record<string, string>[];
  // The numbers array is printed inline in the plan: cut long lines.
  return lines.map((r) => String(Object.values(r)[0]).replace(/'\{[^}]{60,}\}'/g, "'{…}'")).join('\n');
}

// ---------- main ----------
async function main() {
  const EVENTS = Number(process.env.BENCH_AB_EVENTS ?? 1_000_000);
  const CARDS = Number(process.env.BENCH_AB_CARDS ?? 20_000);
  const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 3);
  if (!(EVENTS >= 100 && EVENTS <= 20_000_000 && CARDS >= 1 && CARDS <= 20_000 && ROUNDS >= 1 && ROUNDS <= 20)) throw new Error('bad BENCH_AB_EVENTS/BENCH_AB_CARDS/BENCH_AB_ROUNDS');
  const base = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `einw_bench_ab_${Date.now()}_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = `${base.replace(/\/[^/]*$/, '')}/${name}`;
  const work = mkdtempSync(path.join(os.tmpdir(), 'einw-ab-'));
  try {
    await migratePostgres(url);
    say(`seeding ${EVENTS.toLocaleString('en')} events in SQL …`);
    const seed = await seedLedger(url, EVENTS);
    say(`seeded in ${seed.loadS} s (${seed.contacts.toLocaleString('en')} contacts)`);
    const file = path.join(work, 'book.vcf');
    writeFileSync(file, vcardFile(CARDS, seed.contacts));
    const fileMb = Math.round((statSync(file).size / 1048576) * 10) / 10;
    say(`vCard: ${CARDS.toLocaleString('en')} cards, ${fileMb} MB`);
    const explain = await explainMatch(url, file, seed.tenantId);
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      const baseline = runChild('baseline', url, file, seed.tenantId);
      const imp = runChild('import', url, file, seed.tenantId);
      say(`round ${i + 1}: import cold ${imp.cold.totalMs} ms (CPU ${imp.cold.cpuMs}; parse ${imp.cold.parseMs}, match ${imp.cold.matchMs}), warm ${imp.warm.totalMs} ms, peak RSS ${imp.peakRssMb} MB; baseline cold ${baseline.cold.totalMs} ms, warm ${baseline.warm.totalMs} ms`);
      rounds.push({ baseline, import: imp });
    }
    const cold = median(rounds.map((r) => r.import.cold.totalMs));
    const warm = median(rounds.map((r) => r.import.warm.totalMs));
    const baseCold = median(rounds.map((r) => r.baseline.cold.totalMs));
    const baseWarm = median(rounds.map((r) => r.baseline.warm.totalMs));
    const peak = Math.max(...rounds.map((r) => r.import.peakRssMb));
    const result = {
      events: EVENTS,
      contacts: seed.contacts,
      cards: CARDS,
      fileMb,
      seedS: seed.loadS,
      rounds: ROUNDS,
      importColdMs: cold,
      importWarmMs: warm,
      importColdCpuMs: median(rounds.map((r) => r.import.cold.cpuMs as number)),
      parseColdMs: median(rounds.map((r) => r.import.cold.parseMs as number)),
      matchColdMs: median(rounds.map((r) => r.import.cold.matchMs as number)),
      baselineColdMs: baseCold,
      baselineWarmMs: baseWarm,
      ratioCold: Math.round((cold / Math.max(1, baseCold)) * 10) / 10,
      ratioWarm: Math.round((warm / Math.max(1, baseWarm)) * 10) / 10,
      peakRssMb: peak,
      baselinePeakRssMb: Math.max(...rounds.map((r) => r.baseline.peakRssMb)),
      detail: rounds[0]!.import.cold,
      explain,
      target: { ms: 3000, rssMb: 300 },
      met: cold < 3000 && peak < 300,
      load: os.loadavg().map((l) => Math.round(l * 10) / 10),
    };
    say(`import + match ${cold} ms cold / ${warm} ms warm (baseline ${baseCold} / ${baseWarm} ms), peak RSS ${peak} MB → ${result.met ? 'met' : 'MISSED'}`);
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (process.env.BENCH_KEEP_DB !== '1') await admin.unsafe(`drop database if exists ${name} with (force)`);
    else say(`kept ${url}`);
    await admin.end({ timeout: 5 });
  }
}

const [kind, ...args] = process.argv.slice(2);
if (kind === 'file') writeFileSync(args[0]!, vcardFile(Number(args[1]), Number(args[2] ?? 500_000))); // the file alone, for profiling
else if (kind === 'import' || kind === 'baseline') await child(kind, args[0]!, args[1]!, args[2]!);
else await main();
