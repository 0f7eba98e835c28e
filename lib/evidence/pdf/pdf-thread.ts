import { Worker } from 'node:worker_threads';
import type { DigestData } from '@/lib/evidence/digest-data';
import type { ReceiptData } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import type { PdfReply } from './pdf-worker';
import type { ReportJob } from './report-pdf';

/** What the render thread can render; the data crosses by structured clone (Dates survive it). */
export type PdfJob =
  | { kind: 'report'; job: ReportJob }
  | { kind: 'receipt'; data: ReceiptData; locale: Locale }
  | { kind: 'digest'; data: DigestData; locale: Locale };

/**
 * A ledger report or a digest takes seconds of CPU (10,000 rows ≈ 150 pages), and a receipt ≈ 50 ms; rendered on the
 * web process's thread they would stall every other request meanwhile (a draining mail queue renders receipt after
 * receipt). One worker thread renders them, one at a time, and ends after a minute without work so its heap goes
 * back to the system.
 */
const IDLE_MS = 60_000;
// Bounds the worker's heap: a part of PAGES_PER_PART pages needs ≈ 120 MB, and without a limit V8 lets garbage pile up.
const MAX_OLD_GENERATION_MB = 384;

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | undefined;
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: MAX_OLD_GENERATION_MB };
  // Under Next (NEXT_RUNTIME is set) Turbopack bundles the `new Worker(new URL(...))` entry as plain JS. Run from
  // source (vitest, tsx) the worker is TypeScript and does not inherit tsx's loader, so it registers tsx first.
  const w = process.env.NEXT_RUNTIME
    ? new Worker(new URL('./pdf-worker.ts', import.meta.url), { resourceLimits })
    : new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url.replace(/pdf-thread\.ts$/, 'pdf-worker.ts'))}); });`, {
        eval: true,
        resourceLimits,
      });
  w.on('exit', () => {
    if (worker === w) worker = null;
  });
  return w;
}

function run(job: PdfJob): Promise<Buffer> {
  clearTimeout(idleTimer);
  const w = (worker ??= startWorker());
  return new Promise<Buffer>((resolve, reject) => {
    const done = () => {
      w.off('message', onMessage).off('error', onError).off('exit', onExit);
      w.unref(); // an idle worker must not keep a finished process (CLI, tests) alive
      idleTimer = setTimeout(() => void w.terminate(), IDLE_MS).unref();
    };
    const onMessage = (reply: PdfReply) => {
      done();
      if (reply.ok) resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else reject(new Error(`${job.kind} PDF rendering failed in the worker: ${reply.error}`));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`PDF worker exited (${code}) before it answered (${job.kind})`));
    };
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
    w.ref();
    w.postMessage(job);
  });
}

/** Renders a PDF in the worker thread; jobs queue behind each other. */
export function renderInWorker(job: PdfJob): Promise<Buffer> {
  const result = queue.then(() => run(job));
  queue = result.catch(() => undefined);
  return result;
}
