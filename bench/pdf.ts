// PDF rendering benchmark: `npx tsx bench/pdf.ts` prints one JSON line.
// - receipt: median of 30 warm renders of the sample receipt (after one cold render, which is reported too); `pages`
//   says how long it is: ours carries the whole notice text and every event of the contact, so it is 2 A4 pages
// - report_N: time and peak RSS of a ledger report over N synthetic in-memory events (no database); the report renders
//   in a worker thread (lib/evidence/pdf/pdf-thread.ts), whose memory counts in the process's peak RSS
// - digest_N: time and peak RSS of an evidence digest PDF of N synthetic decisions (one compact receipt each), rendered
//   in the same worker thread as the mail composer does (target for 1,000: < 10 s, < 400 MB); then, in the same process
//   right after it, the N-row ledger report (`reportMs`), so `perReport` (digest ms / report ms) is comparable across
//   runs on a busy machine. `peakRssMb` is taken before the report
// Each case runs in a fresh child process (NODE_ENV=production unless set, as under `next start`) so peak RSS
// (getrusage maxrss) belongs to that case alone.
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { renderDigestPdf, renderLedgerReportPdf, renderReceiptPdf } from '@/lib/evidence/pdf/render';
import { sampleDigest, sampleReceipt, sampleReport } from '@/lib/testing/sample-data';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function receiptCase() {
  const data = sampleReceipt();
  let t = performance.now();
  await renderReceiptPdf(data, 'de');
  const coldMs = performance.now() - t;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 30; i++) {
    t = performance.now();
    bytes = (await renderReceiptPdf(data, 'de')).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const pdf = await renderReceiptPdf(data, 'de');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  return { coldMs: Math.round(coldMs), medianMs: +times[15]!.toFixed(1), p90Ms: +times[27]!.toFixed(1), bytes, pages };
}

async function reportCase(n: number) {
  const baseline = mb(process.memoryUsage().rss);
  // A one-row report first starts the render worker and loads its fonts (as a server's first report does), so `ms` is
  // the report's own time; `workerStartMs` is that first one.
  let t = performance.now();
  await renderLedgerReportPdf(sampleReport(1), 'de');
  const workerStartMs = Math.round(performance.now() - t);
  t = performance.now();
  const pdf = await renderLedgerReportPdf(sampleReport(n), 'de');
  const ms = Math.round(performance.now() - t);
  return { events: n, ms, workerStartMs, bytes: pdf.length, baselineRssMb: baseline, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

async function digestCase(n: number) {
  const baseline = mb(process.memoryUsage().rss);
  let t = performance.now();
  await renderDigestPdf(sampleDigest(1), 'de'); // starts the render worker and loads its fonts
  const workerStartMs = Math.round(performance.now() - t);
  t = performance.now();
  const pdf = await renderDigestPdf(sampleDigest(n), 'de');
  const ms = Math.round(performance.now() - t);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount(); // joined parts: object streams
  t = performance.now();
  await renderLedgerReportPdf(sampleReport(n), 'de');
  const reportMs = Math.round(performance.now() - t);
  return { decisions: n, ms, workerStartMs, bytes: pdf.length, pages, baselineRssMb: baseline, peakRssMb, reportMs, perReport: +(ms / reportMs).toFixed(2) };
}

async function child(kind: string) {
  const result =
    kind === 'receipt' ? await receiptCase() : kind.startsWith('digest_') ? await digestCase(Number(kind.slice(7))) : await reportCase(Number(kind.replace('report_', '')));
  process.stdout.write(JSON.stringify(result));
}

function runChild(kind: string): unknown {
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), kind], { encoding: 'utf8', maxBuffer: 1 << 20, env });
  return JSON.parse(out);
}

const arg = process.argv[2];
if (arg) await child(arg);
else {
  const result: Record<string, unknown> = { node: process.version, cpus: availableParallelism(), loadavg: loadavg().map((l) => +l.toFixed(1)) };
  const kinds = process.env.BENCH_PDF_CASES?.split(',') ?? ['receipt', 'report_1000', 'report_10000', 'digest_1000'];
  for (const kind of kinds) result[kind] = runChild(kind);
  console.log(JSON.stringify(result));
}
