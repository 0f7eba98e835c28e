// Worker thread entry (report-thread.ts starts it): renders ledger reports off the web process's event loop.
import { parentPort } from 'node:worker_threads';
import { renderReportInParts, type ReportJob } from './report-pdf';

export type ReportReply = { ok: true; pdf: Uint8Array } | { ok: false; error: string };

parentPort!.on('message', (job: ReportJob) => {
  renderReportInParts(job).then(
    (pdf) => parentPort!.postMessage({ ok: true, pdf } satisfies ReportReply),
    (err: unknown) => parentPort!.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ReportReply),
  );
});
