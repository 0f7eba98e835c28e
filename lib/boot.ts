import { getDbHandle } from '@/db';
import { log } from './log';
import { registerComposer, type Composer } from './mail/compose';
import { startMailWorker } from './mail/worker';
import { appUrl } from './config';
import { DEMO, seedDemo } from './seed/seed-demo';

/**
 * Server start (instrumentation.ts): register the deferred-mail composers, open the database (PGlite applies
 * migrations itself), seed the demo tenant on an embedded database, start the mail worker.
 */
export async function bootServer(opts: { composers?: Record<string, Composer> } = {}): Promise<void> {
  for (const [kind, composer] of Object.entries(opts.composers ?? {})) registerComposer(kind, composer);
  const handle = await getDbHandle();
  if (handle.driver === 'pglite' && process.env.SEED_DEMO !== '0') {
    const { created, linkToken } = await seedDemo(handle.db);
    if (created) {
      log.info({}, 'seeded demo tenant "Musterbetrieb GmbH" (sign in as owner@example.com)');
      if (process.env.NODE_ENV !== 'production') console.log(`\n  Demo consent page: ${appUrl()}/c/${DEMO.slug}/${linkToken}\n`);
    }
  }
  if (process.env.MAIL_WORKER !== '0') startMailWorker();
}
