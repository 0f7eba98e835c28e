import 'server-only';
import { sql } from 'drizzle-orm';
import { getDbHandle } from '@/db';
import { log } from './log';
import { startMailWorker } from './mail/worker';
import { startDigestTimer } from './evidence/digest';
import { startCheckpointMailTimer } from './ledger/checkpoint-mail';
import { appUrl } from './config';
import { checkEnvAtStart, env, EnvError, type Env } from './env';
import { installClientAddressHook } from './http/client-address-hook';
import { rawRows } from './db/raw-rows';
import { systemDb, withSystem } from './db/with-tenant';
import { backfillLinkTokens } from './links/link-token';
import { DEMO, seedDemo } from './seed/seed-demo';
import { devWhatsappEnabled } from './whatsapp/config';
import { connectDemoToSimulator } from './whatsapp/simulator/connect-demo';
import { startWhatsappWorker } from './whatsapp/worker';
import { offerWebhookFastPath } from './whatsapp/webhook-fast-path';
import { startSequencer } from './ledger/sequencer-worker';

/**
 * The configuration check at server start: a missing or malformed variable stops the process with a message naming
 * it, instead of a server that fails every sign-in later. `next build` (which may load instrumentation) is exempt.
 */
function configurationOrExit(): Env {
  if (process.env.NEXT_PHASE === 'phase-production-build') return env();
  try {
    return checkEnvAtStart();
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    console.error(`\nEinwilligung cannot start. ${e.message}\n(See README, Configuration.)\n`);
    process.exit(1);
  }
}

/**
 * Server start (instrumentation.ts): check the configuration, install the client-address hook, open the database
 * (PGlite applies migrations itself), seed the demo tenant on an embedded database, start the mail worker and the
 * evidence digest timer.
 */
export async function bootServer(): Promise<void> {
  const config = configurationOrExit();
  installClientAddressHook(config.TRUSTED_PROXY_HOPS);
  const handle = await getDbHandle();
  // Invite links from before migration 0003: store their token while this AUTH_SECRET still derives it, so a later
  // rotation leaves them showable (lib/links/link-token.ts). Not fatal: the dashboard derives them lazily as well.
  if (process.env.NEXT_PHASE !== 'phase-production-build') {
    await withSystem((tx) => backfillLinkTokens(tx)).then(
      ({ stored, unshowable }) => (stored || unshowable) && log.info({ stored, unshowable }, 'invite-link tokens backfilled'),
      (err: unknown) => log.warn({ code: (err as { code?: string }).code }, 'invite-link token backfill failed'),
    );
  }
  if (handle.driver === 'postgres' && process.env.NEXT_PHASE !== 'phase-production-build') void warnWithoutAutovacuum();
  if (handle.driver === 'pglite' && config.SEED_DEMO) {
    const { created, linkToken } = await seedDemo(handle.db);
    if (created) {
      log.info({}, 'seeded demo tenant "Musterbetrieb GmbH" (sign in as owner@example.com)');
      if (process.env.NODE_ENV !== 'production') console.log(`\n  Demo consent page: ${appUrl()}/c/${DEMO.slug}/${linkToken}\n`);
    }
  }
  // The demo tenant writes to the WhatsApp simulator (/dev/whatsapp), so `npm run dev` shows the whole loop.
  if (handle.driver === 'pglite' && config.SEED_DEMO && devWhatsappEnabled() && process.env.NEXT_PHASE !== 'phase-production-build') {
    await connectDemoToSimulator(handle.db).then(
      (connected) => connected && log.info({}, 'demo tenant connected to the WhatsApp simulator (/dev/whatsapp)'),
      (err: unknown) => log.warn({ err: err instanceof Error ? err.message.slice(0, 200) : 'error' }, 'demo tenant not connected to the WhatsApp simulator'),
    );
  }
  if (config.MAIL_WORKER) {
    // Seals appended events into the tenants' transparency logs (issue #16) and releases their receipt mails.
    startSequencer();
    startMailWorker();
    // Processes the WhatsApp inbox (webhook items) and sends the WhatsApp outbox.
    startWhatsappWorker();
    // Hourly/daily evidence digests: closes due ranges and queues their mails (safe on several instances).
    startDigestTimer();
    // The daily ledger checkpoint mail to the evidence address (issue #16; safe on several instances).
    startCheckpointMailTimer();
  }
  // Last, once the server is ready: from now on `npm start` (server.mjs) answers webhook deliveries before Next's
  // router, with the same lib function as the route (issue #17); until then Next's route handler serves them.
  offerWebhookFastPath();
}

/**
 * The ledger's queue and the events' seq updates leave dead rows behind and a tenant's log grows fast: without
 * autovacuum the planner keeps the statistics of an empty table and index ranges fill with dead entries, so every
 * append gets slower (bench/autovacuum.ts). PostgreSQL runs it by default; say so loudly when a server does not.
 */
async function warnWithoutAutovacuum(): Promise<void> {
  try {
    const rows = await rawRows<{ autovacuum: string }>(await systemDb(), sql`show autovacuum`);
    if (rows[0]?.autovacuum === 'off') log.warn({}, 'PostgreSQL runs with autovacuum = off: statistics and dead rows are never maintained, appends slow down over time (README, PostgreSQL)');
  } catch {
    // A missing privilege to read the setting is no reason to stop.
  }
}
