import { Worker } from 'node:worker_threads';
import type { ReportJob } from './report-pdf';
import type { ReportReply } from './report-worker';

/**
 * A ledger report takes seconds of CPU (10,000 rows ≈ 150 pages); rendered on the web process's thread it would stall
 * every other request meanwhile. One worker thread renders them, one at a time, and ends after a minute without work
 * so its heap goes back to the system.
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
    ? new Worker(new URL('./report-worker.ts', import.meta.url), { resourceLimits })
    : new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url.replace(/report-thread\.ts$/, 'report-worker.ts'))}); });`, {
        eval: true,
        resourceLimits,
      });
  w.on('exit', () => {
    if (worker === w) worker = null;
  });
  return w;
}

function run(job: ReportJob): Promise<Buffer> {
  clearTimeout(idleTimer);
  const w = (worker ??= startWorker());
  return new Promise<Buffer>((resolve, reject) => {
    const done = () => {
      w.off('message', onMessage).off('error', onError).off('exit', onExit);
      w.unref(); // an idle worker must not keep a finished process (CLI, tests) alive
      idleTimer = setTimeout(() => void w.terminate(), IDLE_MS).unref();
    };
    const onMessage = (reply: ReportReply) => {
      done();
      if (reply.ok) resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else reject(new Error(`ledger report rendering failed in the worker: ${reply.error}`));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`ledger report worker exited (${code}) before it answered`));
    };
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
    w.ref();
    w.postMessage(job);
  });
}

/** Renders a ledger report in the worker thread; reports queue behind each other. */
export function renderReportInWorker(job: ReportJob): Promise<Buffer> {
  const result = queue.then(() => run(job));
  queue = result.catch(() => undefined);
  return result;
}
