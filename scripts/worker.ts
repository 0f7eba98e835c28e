// npm run worker (tsx with scripts/server-only-hook.mjs, not the react-server condition: react-pdf needs the client React) – the mail worker as a process of its own: composes deferred mail (renders receipt PDFs) and sends
// the outbox through the provider, off the web process. Web instances then run with MAIL_WORKER=0. Needs DATABASE_URL:
// the embedded PGlite allows one process per data directory (npm run dev keeps its in-process worker).
import { getDbHandle } from '../db/index';
import { startDigestTimer } from '../lib/evidence/digest';
import { startCheckpointMailTimer } from '../lib/ledger/checkpoint-mail';
import { checkEnvAtStart, EnvError } from '../lib/env';
import { log } from '../lib/log';
import { KICK_CHANNEL, kickMailWorker, startMailWorker, stopMailWorker } from '../lib/mail/worker';
import { startWhatsappWorker, stopWhatsappWorker } from '../lib/whatsapp/worker';
import { startSequencer, stopSequencer } from '../lib/ledger/sequencer-worker';
import { LEDGER_KICK_CHANNEL } from '../lib/ledger/sequencer-kick';
import { kickWhatsappWorker, WHATSAPP_KICK_CHANNEL } from '../lib/whatsapp/worker-kick';

let config;
try {
  config = checkEnvAtStart();
} catch (e) {
  if (!(e instanceof EnvError)) throw e;
  console.error(`\nThe mail worker cannot start. ${e.message}\n(See README, Configuration.)\n`);
  process.exit(1);
}
if (!config.DATABASE_URL) {
  console.error('The mail worker needs DATABASE_URL: the embedded database (PGlite) allows one process per data directory, and `npm run dev` sends mail itself.');
  process.exit(1);
}

const handle = await getDbHandle();
const worker = startMailWorker();
// Web instances with MAIL_WORKER=0 run no digest job either: this process closes the hourly/daily evidence digests.
startDigestTimer();
// The daily ledger checkpoint mail to the evidence address (issue #16).
startCheckpointMailTimer();
// The WhatsApp inbox (webhook items stored by the web instances) and outbox are processed here too.
const whatsapp = startWhatsappWorker();
// The ledger sequencer (issue #16): web-only instances notify after an append (ledger_kick).
const sequencer = startSequencer();

// Web-only instances notify after committing mail (kickMailWorker), so a sign-in link does not wait for the next poll.
const { default: postgres } = await import('postgres');
const listener = postgres(config.DATABASE_URL, { max: 1, onnotice: () => {} });
await listener.listen(KICK_CHANNEL, () => kickMailWorker());
await listener.listen(WHATSAPP_KICK_CHANNEL, () => kickWhatsappWorker());
await listener.listen(LEDGER_KICK_CHANNEL, () => sequencer.kick());
whatsapp.kick();
worker.kick();
log.info({ pollMs: config.MAIL_POLL_MS, rateLimit: config.RESEND_API_KEY ? config.RESEND_RATE_LIMIT : null }, 'mail worker started');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'mail worker stopping: finishing the mail in hand');
  await Promise.all([stopMailWorker(), stopWhatsappWorker(), stopSequencer()]);
  await listener.end({ timeout: 5 });
  await handle.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
