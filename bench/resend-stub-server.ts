// The Resend stub (lib/testing/resend-stub.ts) as a process of its own for bench/drain.ts, so the "provider" does not
// run in the load generator's event loop. The stub listens on a random port; this process answers on <port>:
//   GET /  → { url, delivered, received, attachmentBytes, byOutcome }
// where `url` is what RESEND_BASE_URL must be. Delivered mails are counted (with their attachments' base64 size, a
// proof that PDFs were really rendered) and then dropped every second, so thousands of receipts do not pile up in memory.
//   npx tsx bench/resend-stub-server.ts 3952
import { createServer } from 'node:http';
import { startResendStub } from '@/lib/testing/resend-stub';

const port = Number(process.argv[2]);
if (!(port > 0)) throw new Error('usage: resend-stub-server.ts <port>');
const stub = await startResendStub();
let delivered = 0;
let attachmentBytes = 0;
let withoutPdf = 0;
const drain = () => {
  for (const [key, mail] of stub.delivered) {
    delivered++;
    const bytes = mail.attachments.reduce((a, x) => a + x.content.length, 0);
    attachmentBytes += bytes;
    if (!mail.attachments.some((a) => a.filename.endsWith('.pdf') && a.content.length > 1000)) withoutPdf++;
    stub.delivered.delete(key);
  }
};
setInterval(drain, 1000).unref();

createServer((req, res) => {
  drain();
  const byOutcome: Record<string, number> = {};
  for (const r of stub.received) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ url: stub.url, delivered, received: stub.received.length, attachmentBytes, withoutPdf, byOutcome }));
}).listen(port, '127.0.0.1');

const stop = () => void stub.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
