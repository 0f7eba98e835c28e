import 'server-only';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { uuidArray } from '@/lib/db/array-param';
import { getDb, type Db } from '@/db';
import { mailOutbox } from '@/db/schema';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { composeMail } from './compose';
import { MAIL_LANES, type MailLane } from './lanes';
import { blockProvider, PROVIDER, providerBucket, takeSendToken, type BucketConfig } from './provider-limit';
import { deliver, ProviderRateLimited } from './transport';
import { startImportSweeper } from '@/lib/address-book/sweeper';
import { drainLoop, type DrainLoop } from '@/lib/jobs/drain-loop';

/** After this many failed attempts a mail is marked dead and shown as such in the dashboard. */
export const MAX_ATTEMPTS = 12;
/** How long a claimed mail is reserved for the worker that claimed it; a crashed worker's claim runs out. */
const LEASE = sql`now() + interval '2 minutes'`;
/**
 * The longest a worker waits for a send token while holding claimed mail. A longer wait (the provider's retry-after)
 * hands the claimed rows back, due when the wait ends, so no claim outlives its lease and other workers can take them.
 */
const MAX_TOKEN_WAIT_MS = 5_000;
/**
 * Claim sizes per lane. Bulk claims little at a time: its rows wait for tokens while claimed, and a small claim keeps
 * that wait short and leaves the rest of a backlog to other workers. Interactive mail is rare and claimed every pass.
 */
const CLAIM_SIZE: Record<MailLane, number> = { interactive: 10, bulk: 5 };

export function backoffSeconds(attempts: number): number {
  return Math.min(2 ** attempts, 600);
}

/**
 * Claims up to `limit` due mails (FOR UPDATE SKIP LOCKED, so several app instances never claim the same row) and
 * reserves them for LEASE: of one lane, or of both with interactive mail first.
 * A worker that dies before recording the outcome leaves the row to be claimed again.
 */
export async function claimDueMail(conn: Db, limit = 10, lane?: MailLane) {
  const due = conn
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lane ? eq(mailOutbox.lane, lane) : undefined, lte(mailOutbox.nextAttemptAt, sql`now()`)))
    // Enum order: 'interactive' sorts before 'bulk'.
    .orderBy(...(lane ? [] : [asc(mailOutbox.lane)]), asc(mailOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return conn
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: LEASE })
    .where(inArray(mailOutbox.id, due))
    .returning();
}

export type ClaimedMail = Awaited<ReturnType<typeof claimDueMail>>[number];

/** Hands claimed mails back unsent: pending, due at `dueInMs`, the claim's attempt not counted. */
async function releaseClaimed(conn: Db, mails: ClaimedMail[], dueInMs = 0): Promise<void> {
  if (mails.length === 0) return;
  await conn
    .update(mailOutbox)
    .set({ attempts: sql`greatest(${mailOutbox.attempts} - 1, 0)`, nextAttemptAt: sql`now() + make_interval(secs => ${dueInMs / 1000})` })
    .where(and(sql`${mailOutbox.id} = any(${uuidArray(mails.map((m) => m.id))})`, eq(mailOutbox.status, 'pending')));
}

/**
 * Composes (if deferred), delivers and records the outcome of one claimed mail; failures are retried with backoff.
 * A 429 from the provider is no failure of the mail: it blocks the provider for every worker until its retry-after,
 * and the row goes back to pending, due then, without counting the attempt — rate limiting never makes a mail dead.
 */
export async function deliverClaimed(conn: Db, mail: ClaimedMail): Promise<boolean> {
  try {
    const messageId = await deliver(await composeMail(mail));
    await conn
      .update(mailOutbox)
      .set({ status: 'sent', providerMessageId: messageId, sentAt: sql`now()`, lastError: null })
      .where(eq(mailOutbox.id, mail.id));
    return true;
  } catch (err) {
    if (err instanceof ProviderRateLimited) {
      const until = await blockProvider(conn, PROVIDER, err.retryAfterSeconds);
      log.info({ mailId: mail.id, kind: mail.kind, retryAfter: err.retryAfterSeconds }, 'mail provider rate limit: waiting');
      await conn
        .update(mailOutbox)
        .set({ attempts: sql`greatest(${mailOutbox.attempts} - 1, 0)`, nextAttemptAt: until })
        .where(eq(mailOutbox.id, mail.id));
      return false;
    }
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a send token of the shared bucket (none needed without one). False when the wait would be longer than
 * MAX_TOKEN_WAIT_MS (with the wait in `out.waitMs`) or the worker is stopping.
 */
async function awaitToken(conn: Db, bucket: BucketConfig | null, lane: MailLane, stopping: () => boolean, out: { waitMs: number }): Promise<boolean> {
  if (!bucket) return true;
  let waited = 0;
  for (;;) {
    const answer = await takeSendToken(conn, bucket, lane);
    if (answer.taken) return true;
    if (stopping() || waited + answer.waitMs > MAX_TOKEN_WAIT_MS) {
      out.waitMs = answer.waitMs;
      return false;
    }
    await sleep(answer.waitMs);
    waited += answer.waitMs;
  }
}

/**
 * One pass over one lane (or both, interactive first): claims due mails, takes a send token for each and delivers it.
 * Returns how many were claimed. Mails it cannot send soon (provider blocked, worker stopping) go back unsent.
 */
export async function processDueMail(db?: Db, limit?: number, lane?: MailLane, stopping: () => boolean = () => false): Promise<number> {
  const conn = db ?? (await getDb());
  const claimed = await claimDueMail(conn, limit ?? (lane ? CLAIM_SIZE[lane] : 10), lane);
  const bucket = providerBucket();
  for (let i = 0; i < claimed.length; i++) {
    const mail = claimed[i]!;
    const out = { waitMs: 0 };
    if (stopping() || !(await awaitToken(conn, bucket, mail.lane, stopping, out))) {
      await releaseClaimed(conn, claimed.slice(i), stopping() ? 0 : out.waitMs);
      break;
    }
    await deliverClaimed(conn, mail);
  }
  return claimed.length;
}

/** A mail worker: one loop per lane, so interactive mail is never queued behind a claimed batch of bulk mail. */
export type MailWorker = {
  /** Look for due mail now (both lanes). */
  kick(): void;
  /** Stops polling, finishes the mail in hand, hands the rest of its claims back and resolves when both loops ended. */
  stop(): Promise<void>;
};

/**
 * Creates a worker that polls every `pollMs`. Each lane runs its own loop (a pass claims and sends one small batch,
 * then claims again until nothing is due), so the interactive loop claims sign-in links while the bulk loop still waits
 * for tokens for its batch; with several instances each runs both loops and SKIP LOCKED divides the rows.
 */
export function createMailWorker(opts: { db?: Db; pollMs?: number } = {}): MailWorker {
  let stopped = false;
  const stopping = () => stopped;
  const laneLoop = (lane: MailLane) =>
    drainLoop(
      () => processDueMail(opts.db, undefined, lane, stopping),
      stopping,
      (err) => log.error({ lane, err: String(err) }, 'mail worker pass failed'),
    );
  const lanes: Record<MailLane, DrainLoop> = { interactive: laneLoop('interactive'), bulk: laneLoop('bulk') };
  const kick = () => {
    for (const lane of MAIL_LANES) lanes[lane].kick();
  };
  const timer = setInterval(kick, opts.pollMs ?? env().MAIL_POLL_MS);
  timer.unref();
  return {
    kick: () => setImmediate(kick),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(MAIL_LANES.map((l) => lanes[l].running));
    },
  };
}

const g = globalThis as unknown as { __einwMailWorker?: MailWorker };

/** Starts the process's worker once (instrumentation.ts, npm run worker); it polls the outbox every MAIL_POLL_MS. */
export function startMailWorker(opts: { db?: Db; pollMs?: number } = {}): MailWorker {
  // The address-book imports' 24 h deletion rides on the worker's process (its own 10-minute timer).
  startImportSweeper(opts.db);
  return (g.__einwMailWorker ??= createMailWorker(opts));
}

/** Stops the process's worker (SIGTERM in npm run worker; tests), finishing the mail in hand. */
export async function stopMailWorker(): Promise<void> {
  const w = g.__einwMailWorker;
  g.__einwMailWorker = undefined;
  await w?.stop();
}

/** The channel on which web-only instances (MAIL_WORKER=0) wake the separate worker (npm run worker) after a commit. */
export const KICK_CHANNEL = 'mail_outbox_kick';

/**
 * Sends freshly committed mail now instead of on the next poll: kicks this process's worker, or, on a web-only
 * instance (MAIL_WORKER=0) on PostgreSQL, notifies the separate worker process. After the commit and fire-and-forget:
 * a lost notification only means the worker's next poll sends the mail. No-op in tests and scripts.
 */
export function kickMailWorker(): void {
  const w = g.__einwMailWorker;
  if (w) return w.kick();
  if (env().MAIL_WORKER || !env().DATABASE_URL) return;
  void getDb()
    .then((db) => db.execute(sql`select pg_notify(${KICK_CHANNEL}, '')`))
    .catch((err: unknown) => log.warn({ code: (err as { code?: string }).code }, 'mail worker notification failed'));
}
