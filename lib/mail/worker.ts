import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { mailOutbox } from '@/db/schema';
import { log } from '@/lib/log';
import { deliver } from './transport';

/** After this many failed attempts a mail is marked dead and shown as such in the dashboard. */
export const MAX_ATTEMPTS = 12;
/** How long a claimed mail is reserved for the worker that claimed it; a crashed worker's claim runs out. */
const LEASE = sql`now() + interval '2 minutes'`;

export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** attempts, 600);
}

/**
 * Claims due mails (FOR UPDATE SKIP LOCKED, so several app instances never claim the same row), delivers each and
 * records the outcome. Returns how many were handled. Safe to call concurrently.
 */
export async function processDueMail(db?: Db, limit = 10): Promise<number> {
  const conn = db ?? (await getDb());
  const due = conn
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(mailOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await conn
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: LEASE })
    .where(inArray(mailOutbox.id, due))
    .returning();
  for (const mail of claimed) {
    try {
      const messageId = await deliver(mail);
      await conn
        .update(mailOutbox)
        .set({ status: 'sent', providerMessageId: messageId, sentAt: sql`now()`, lastError: null })
        .where(eq(mailOutbox.id, mail.id));
    } catch (err) {
      const dead = mail.attempts >= MAX_ATTEMPTS;
      log.warn({ mailId: mail.id, attempts: mail.attempts, dead, err: String(err) }, 'mail delivery failed');
      await conn
        .update(mailOutbox)
        .set({
          status: dead ? 'dead' : 'pending',
          lastError: String(err).slice(0, 1000),
          nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(mail.attempts)})`,
        })
        .where(eq(mailOutbox.id, mail.id));
    }
  }
  return claimed.length;
}

type WorkerState = { timer?: NodeJS.Timeout; running: boolean; again: boolean };
const g = globalThis as unknown as { __einwMailWorker?: WorkerState };

async function runOnce(state: WorkerState) {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    do {
      state.again = false;
      while ((await processDueMail()) > 0) state.again = false;
    } while (state.again);
  } catch (err) {
    log.error({ err: String(err) }, 'mail worker pass failed');
  } finally {
    state.running = false;
  }
}

/** Starts the in-process worker once per process (instrumentation.ts); it polls the outbox every MAIL_POLL_MS. */
export function startMailWorker(): void {
  if (g.__einwMailWorker) return;
  const state: WorkerState = { running: false, again: false };
  g.__einwMailWorker = state;
  state.timer = setInterval(() => void runOnce(state), Number(process.env.MAIL_POLL_MS ?? 2000));
  state.timer.unref();
}

/** Sends freshly committed mail now instead of on the next poll. No-op where no worker runs (tests, scripts). */
export function kickMailWorker(): void {
  const state = g.__einwMailWorker;
  if (state) setImmediate(() => void runOnce(state));
}
