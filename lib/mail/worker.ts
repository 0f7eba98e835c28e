import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { mailOutbox } from '@/db/schema';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { composeMail } from './compose';
import { deliver } from './transport';

/** After this many failed attempts a mail is marked dead and shown as such in the dashboard. */
export const MAX_ATTEMPTS = 12;
/** How long a claimed mail is reserved for the worker that claimed it; a crashed worker's claim runs out. */
const LEASE = sql`now() + interval '2 minutes'`;

export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** attempts, 600);
}

/**
 * Claims up to `limit` due mails (FOR UPDATE SKIP LOCKED, so several app instances never claim the same row) and
 * reserves them for LEASE. A worker that dies before recording the outcome leaves the row to be claimed again.
 */
export async function claimDueMail(conn: Db, limit = 10) {
  const due = conn
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(mailOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return conn
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: LEASE })
    .where(inArray(mailOutbox.id, due))
    .returning();
}

export type ClaimedMail = Awaited<ReturnType<typeof claimDueMail>>[number];

/** Composes (if deferred), delivers and records the outcome of one claimed mail; failures are retried with backoff. */
export async function deliverClaimed(conn: Db, mail: ClaimedMail): Promise<boolean> {
  try {
    const messageId = await deliver(await composeMail(mail));
    await conn
      .update(mailOutbox)
      .set({ status: 'sent', providerMessageId: messageId, sentAt: sql`now()`, lastError: null })
      .where(eq(mailOutbox.id, mail.id));
    return true;
  } catch (err) {
    const dead = mail.attempts >= MAX_ATTEMPTS;
    log.warn({ mailId: mail.id, kind: mail.kind, attempts: mail.attempts, dead, err: String(err) }, 'mail delivery failed');
    await conn
      .update(mailOutbox)
      .set({
        status: dead ? 'dead' : 'pending',
        lastError: String(err).slice(0, 1000),
        nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(mail.attempts)})`,
      })
      .where(eq(mailOutbox.id, mail.id));
    return false;
  }
}

/** One pass: claims due mails and delivers them. Returns how many were handled. Safe to call concurrently. */
export async function processDueMail(db?: Db, limit = 10): Promise<number> {
  const conn = db ?? (await getDb());
  const claimed = await claimDueMail(conn, limit);
  for (const mail of claimed) await deliverClaimed(conn, mail);
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
  state.timer = setInterval(() => void runOnce(state), env().MAIL_POLL_MS);
  state.timer.unref();
}

/** Sends freshly committed mail now instead of on the next poll. No-op where no worker runs (tests, scripts). */
export function kickMailWorker(): void {
  const state = g.__einwMailWorker;
  if (state) setImmediate(() => void runOnce(state));
}
