import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

/** The channel on which web-only instances (MAIL_WORKER=0) wake the sequencer of the worker process (npm run worker). */
export const LEDGER_KICK_CHANNEL = 'ledger_kick';
/** How long a kick waits before the pass: the appending transaction commits meanwhile, and more entries join the batch. */
export const KICK_DELAY_MS = 15;

export type Kickable = { kick(): void };
const g = globalThis as unknown as { __einwSequencer?: Kickable; __einwSequencerKickTimer?: NodeJS.Timeout | null };

export function setSequencerKickTarget(w: Kickable | undefined) {
  g.__einwSequencer = w;
}

/**
 * Asks for the new event to be sealed soon instead of on the next poll: after KICK_DELAY_MS (it is called inside the
 * appending transaction, which must commit first) kicks this process's sequencer, or, on a web-only instance on
 * PostgreSQL, notifies the worker process. Coalesced: one timer for any number of appends. Fire-and-forget.
 */
export function kickSequencer(): void {
  if (g.__einwSequencerKickTimer) return;
  if (!g.__einwSequencer && (env().MAIL_WORKER || !env().DATABASE_URL)) return;
  g.__einwSequencerKickTimer = setTimeout(() => {
    g.__einwSequencerKickTimer = null;
    const w = g.__einwSequencer;
    if (w) return w.kick();
    void getDb()
      .then((db) => db.execute(sql`select pg_notify(${LEDGER_KICK_CHANNEL}, '')`))
      .catch((err: unknown) => log.warn({ code: (err as { code?: string }).code }, 'sequencer notification failed'));
  }, KICK_DELAY_MS);
  g.__einwSequencerKickTimer.unref?.();
}
