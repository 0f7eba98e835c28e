import 'server-only';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { whatsappConnections, whatsappInbox, whatsappOutbox } from '@/db/schema';
import { withTenant } from '@/lib/db/with-tenant';
import { env } from '@/lib/env';
import { drainLoop } from '@/lib/jobs/drain-loop';
import { log } from '@/lib/log';
import { sendToGraph } from './graph';
import { MARKETING_STOP_ERRORS, processItem } from './process-item';
import { decryptSecret } from './secrets';
import { sendDecision } from './send-policy';
import { setKickTarget } from './worker-kick';

export const MAX_ATTEMPTS = 10;
const LEASE = sql`now() + interval '2 minutes'`;
const backoff = (attempts: number) => Math.min(2 ** attempts, 600);
/** Errors after which a send is never retried: outside the window (131047), user stopped marketing (131050), bad recipient. */
const FINAL_ERRORS = [131047, 131050, 131026, 100, 190];

/** Claims due rows of the inbox, oldest message first (SKIP LOCKED: several workers never take the same row). */
export async function claimInbox(conn: Db, limit: number) {
  const due = conn
    .select({ tenantId: whatsappInbox.tenantId, id: whatsappInbox.id })
    .from(whatsappInbox)
    .where(and(eq(whatsappInbox.status, 'pending'), lte(whatsappInbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(whatsappInbox.occurredAt), asc(whatsappInbox.receivedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return conn
    .update(whatsappInbox)
    .set({ attempts: sql`${whatsappInbox.attempts} + 1`, nextAttemptAt: LEASE })
    .where(sql`(${whatsappInbox.tenantId}, ${whatsappInbox.id}) in (${due})`)
    .returning();
}

/**
 * One pass over the inbox: each claimed item is processed in its tenant's transaction, and marked done in that same
 * transaction (its text cleared: what a person must read went to the review list). A failure rolls the item's work
 * back and retries it with backoff; after MAX_ATTEMPTS it is dead. Returns how many were claimed.
 */
export async function processDueInbox(db?: Db, limit = 50): Promise<number> {
  const conn = db ?? (await getDb());
  const rows = await claimInbox(conn, limit);
  for (const row of rows) {
    try {
      await withTenant(row.tenantId, async (tx) => {
        const outcome = await processItem(tx, row);
        await tx
          .update(whatsappInbox)
          .set({ status: 'sent', processedAt: sql`now()`, outcome, body: null, lastError: null })
          .where(and(eq(whatsappInbox.tenantId, row.tenantId), eq(whatsappInbox.id, row.id)));
      });
    } catch (err) {
      const dead = row.attempts >= MAX_ATTEMPTS;
      log.warn({ inboxId: row.id, kind: row.kind, attempts: row.attempts, dead, err: err instanceof Error ? err.message.slice(0, 200) : 'error' }, 'whatsapp inbox item failed');
      await conn
        .update(whatsappInbox)
        .set({ status: dead ? 'dead' : 'pending', lastError: String(err).slice(0, 500), nextAttemptAt: sql`now() + make_interval(secs => ${backoff(row.attempts)})` })
        .where(and(eq(whatsappInbox.tenantId, row.tenantId), eq(whatsappInbox.id, row.id)));
    }
  }
  return rows.length;
}

async function claimOutbox(conn: Db, limit: number) {
  const due = conn
    .select({ tenantId: whatsappOutbox.tenantId, id: whatsappOutbox.id })
    .from(whatsappOutbox)
    .where(and(eq(whatsappOutbox.status, 'pending'), lte(whatsappOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(whatsappOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return conn
    .update(whatsappOutbox)
    .set({ attempts: sql`${whatsappOutbox.attempts} + 1`, nextAttemptAt: LEASE })
    .where(sql`(${whatsappOutbox.tenantId}, ${whatsappOutbox.id}) in (${due})`)
    .returning();
}

type OutboxRow = Awaited<ReturnType<typeof claimOutbox>>[number];

/** Sends one claimed message: ledger check, then the Graph API (outside any transaction), then the outcome. */
export async function sendClaimed(conn: Db, row: OutboxRow): Promise<string> {
  const where = and(eq(whatsappOutbox.tenantId, row.tenantId), eq(whatsappOutbox.id, row.id));
  const checked = await withTenant(row.tenantId, async (tx) => {
    const [c] = await tx.select().from(whatsappConnections).where(eq(whatsappConnections.tenantId, row.tenantId));
    return { decision: await sendDecision(tx, row), conn: c };
  });
  if (!checked.decision.allowed || !checked.conn) {
    const reason = checked.decision.allowed ? 'not_connected' : checked.decision.reason;
    await conn.update(whatsappOutbox).set({ status: 'dead', lastError: `refused: ${reason}` }).where(where);
    return `refused_${reason}`;
  }
  const result = await sendToGraph({
    phoneNumberId: checked.conn.phoneNumberId,
    accessToken: decryptSecret(checked.conn.accessTokenEnc, row.tenantId),
    to: row.toWaId,
    body: row.body,
    replyToMessageId: row.replyToMessageId,
  }).catch((err: unknown) => ({ ok: false as const, status: 0, code: null, message: err instanceof Error ? err.message : 'network error' }));
  if (result.ok) {
    await conn.update(whatsappOutbox).set({ status: 'sent', providerMessageId: result.messageId, sentAt: sql`now()`, lastError: null }).where(where);
    return 'sent';
  }
  const final = !row.retry || (result.code !== null && FINAL_ERRORS.includes(result.code)) || row.attempts >= MAX_ATTEMPTS;
  log.warn({ outboxId: row.id, kind: row.kind, code: result.code, status: result.status, final }, 'whatsapp send failed');
  await conn
    .update(whatsappOutbox)
    .set({ status: final ? 'dead' : 'pending', errorCode: result.code, lastError: result.message, nextAttemptAt: sql`now() + make_interval(secs => ${backoff(row.attempts)})` })
    .where(where);
  // 131050: the user stopped marketing messages: recorded like the user_preferences stop (through the inbox).
  if (result.code !== null && MARKETING_STOP_ERRORS.includes(result.code)) await recordStopFailure(row, result.code);
  return `failed_${result.code ?? result.status}`;
}

async function recordStopFailure(row: OutboxRow, code: number) {
  await withTenant(row.tenantId, (tx) =>
    tx
      .insert(whatsappInbox)
      .values({
        tenantId: row.tenantId,
        externalKey: `send:${row.id}:failed`,
        kind: 'status',
        messageId: `send:${row.id}`,
        waId: row.toWaId,
        itemType: 'failed',
        details: { errorCodes: [code] },
        occurredAt: new Date(),
      })
      .onConflictDoNothing(),
  );
}

export async function processDueOutbox(db?: Db, limit = 20): Promise<number> {
  const conn = db ?? (await getDb());
  const rows = await claimOutbox(conn, limit);
  for (const row of rows) await sendClaimed(conn, row);
  return rows.length;
}

export type WhatsappWorker = { kick(): void; stop(): Promise<void> };

/** Polls inbox and outbox every `pollMs`; a kick runs a pass at once. One loop per queue. */
export function createWhatsappWorker(opts: { db?: Db; pollMs?: number } = {}): WhatsappWorker {
  let stopped = false;
  const loops = [processDueInbox, processDueOutbox].map((pass) =>
    drainLoop(
      () => pass(opts.db),
      () => stopped,
      (err) => log.error({ err: err instanceof Error ? err.message.slice(0, 200) : 'error' }, 'whatsapp worker pass failed'),
    ),
  );
  // After an inbox pass, replies it queued are due: the outbox loop runs next.
  const kick = () => loops.forEach((l) => l.kick());
  const timer = setInterval(kick, opts.pollMs ?? env().MAIL_POLL_MS);
  timer.unref();
  return {
    kick: () => setImmediate(kick),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(loops.map((l) => l.running));
    },
  };
}

const g = globalThis as unknown as { __einwWhatsappWorkerInstance?: WhatsappWorker };

/** Starts the process's WhatsApp worker once (lib/boot.ts, npm run worker). */
export function startWhatsappWorker(opts: { db?: Db; pollMs?: number } = {}): WhatsappWorker {
  if (!g.__einwWhatsappWorkerInstance) {
    g.__einwWhatsappWorkerInstance = createWhatsappWorker(opts);
    setKickTarget(g.__einwWhatsappWorkerInstance);
  }
  return g.__einwWhatsappWorkerInstance;
}

export async function stopWhatsappWorker(): Promise<void> {
  const w = g.__einwWhatsappWorkerInstance;
  g.__einwWhatsappWorkerInstance = undefined;
  setKickTarget(undefined);
  await w?.stop();
}

