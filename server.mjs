// `npm start`: the production server — Next's documented custom-server mode (next() + getRequestHandler() in a
// node:http server), so WhatsApp webhook deliveries are answered before Next's router (issue #17; see
// lib/whatsapp/webhook-fast-path.ts) and every other request is Next's, as under `next start`.
// Usage: node server.mjs [-p PORT] [-H HOSTNAME] (PORT from the environment, else 3000; all interfaces by default).
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// The production build only (`next dev` serves development); set before Next loads, as `next start` does.
process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port ?? process.env.PORT}`);
  process.exit(1);
}
const hostname = values.hostname;

const { default: next } = await import('next');
const app = next({ dev: false, dir: path.dirname(fileURLToPath(import.meta.url)), hostname: hostname ?? 'localhost', port });
await app.prepare();
const nextHandler = app.getRequestHandler();

/** Next's handler as a listener; an error it throws becomes a bare 500 (as `next start` answers it), never a crash. */
const toNext = (req, res) =>
  nextHandler(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500);
    res.end('Internal Server Error');
  });
// lib/ is compiled inside Next's build, not importable from here: instrumentation.ts (lib/boot.ts) offers the fast path
// on globalThis once the server has booted — in production Next boots while its first requests wait, after prepare()
// returned —, so until then every request, webhook deliveries included, is Next's (whose route handler answers alike).
let listener = null;
const server = createServer((req, res) => {
  if (!listener && globalThis.__einwWithWebhookFastPath) {
    listener = globalThis.__einwWithWebhookFastPath(toNext);
    console.log('server.mjs: webhook fast path on');
  }
  (listener ?? toNext)(req, res);
});

// SIGTERM/SIGINT as under `next start`: stop accepting, finish the requests in flight, close Next, exit 143/130.
let closing = false;
for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => app.close().catch(console.error).finally(() => process.exit(code)));
    server.closeIdleConnections();
  });
}

server.listen(port, hostname, () => {
  const a = server.address();
  console.log(`▲ Einwilligung ready on http://${hostname ?? 'localhost'}:${typeof a === 'object' && a ? a.port : port}`);
});
