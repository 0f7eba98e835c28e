// Worker thread entry (pdf-thread.ts starts it): renders PDFs off the web process's event loop.
import { parentPort } from 'node:worker_threads';
import { renderDigestInParts } from './digest-pdf';
import type { PdfJob } from './pdf-thread';
import { renderReceiptDirect } from './receipt-pdf';
import { renderReportInParts } from './report-pdf';

export type PdfReply = { ok: true; pdf: Uint8Array } | { ok: false; error: string };

function render(job: PdfJob): Promise<Uint8Array> {
  switch (job.kind) {
    case 'report':
      return renderReportInParts(job.job);
    case 'receipt':
      return renderReceiptDirect(job.data, job.locale);
    case 'digest':
      return renderDigestInParts(job.data, job.locale);
  }
}

parentPort!.on('message', (job: PdfJob) => {
  render(job).then(
    (pdf) => parentPort!.postMessage({ ok: true, pdf } satisfies PdfReply),
    (err: unknown) => parentPort!.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies PdfReply),
  );
});
