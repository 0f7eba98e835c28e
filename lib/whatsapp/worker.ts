import 'server-only';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db';
import { whatsappConnections, whatsappInbox, whatsappOutbox } from '@/db/schema';
import { pipelined } from '@/lib/db/pipelined';
import { withTenant } from '@/lib/db/with-tenant';
import { env } from '@/lib/env';
import { drainLoop } from '@/lib/jobs/drain-loop';
import { log } from '@/lib/log';
import { sendToGraph } from './graph';
import { MARKETING_STOP_ERRORS, processItem, type ItemContext } from './process-item';
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

type InboxRow = Awaited<ReturnType<typeof claimInbox>>[number];

/** Claimed rows grouped by tenant: claim order within a tenant, tenants in id order (the same order in every worker). */
export function byTenant<T extends { tenantId: string }>(rows: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(r.tenantId, [...(groups.get(r.tenantId) ?? []), r]);
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/**
 * Marks a tenant's processed rows done in one statement (their text cleared: what a person must read went to the
 * review list), and moves the connection's last-webhook time to the newest of them that came through the webhook —
 * written here rather than on every delivery, so the webhook stays one statement.
 */
export async function markInboxDone(tx: Tx, tenantId: string, rows: { id: string; externalKey: string; receivedAt: Date }[], outcomes: string[]) {
  const done = JSON.stringify(rows.map((r, i) => ({ id: r.id, outcome: outcomes[i] })));
  const received = rows.filter((r) => !r.externalKey.startsWith('send:')).map((r) => r.receivedAt.getTime());
  await pipelined([
    tx.execute(sql`update whatsapp_inbox i set status = 'sent', processed_at = now(), outcome = v.outcome, body = null, last_error = null
      from jsonb_to_recordset(${done}::jsonb) as v(id uuid, outcome text) where i.tenant_id = ${tenantId}::uuid and i.id = v.id`),
    received.length ? touchLastWebhook(tx, tenantId, new Date(Math.max(...received))) : Promise.resolve(),
  ]);
}

/**
 * Moves the connection's last-webhook time forward to `at` unless it is within a second of it already: a row that
 * fails the condition is not locked, so workers processing the same tenant at once do not queue on the connection row.
 */
function touchLastWebhook(tx: Tx, tenantId: string, at: Date) {
  const t = sql`${at.toISOString()}::timestamptz`;
  return tx
    .update(whatsappConnections)
    .set({ lastWebhookAt: t })
    .where(and(eq(whatsappConnections.tenantId, tenantId), sql`(${whatsappConnections.lastWebhookAt} is null or ${whatsappConnections.lastWebhookAt} < ${t} - interval '1 second')`));
}

/** A failed item goes back to the queue with backoff; after MAX_ATTEMPTS it is dead. */
async function inboxFailed(conn: Db, row: InboxRow, err: unknown) {
  const dead = row.attempts >= MAX_ATTEMPTS;
  log.warn({ inboxId: row.id, kind: row.kind, attempts: row.attempts, dead, err: err instanceof Error ? err.message.slice(0, 200) : 'error' }, 'whatsapp inbox item failed');
  await conn
    .update(whatsappInbox)
    .set({ status: dead ? 'dead' : 'pending', lastError: String(err).slice(0, 500), nextAttemptAt: sql`now() + make_interval(secs => ${backoff(row.attempts)})` })
    .where(and(eq(whatsappInbox.tenantId, row.tenantId), eq(whatsappInbox.id, row.id)));
}

/**
 * One tenant's claimed items in one tenant transaction: each processed in order (the ledger appends and queued
 * replies in the same transaction), then all marked done — all or nothing. When anything fails, the whole batch is
 * rolled back and each item runs again in a transaction of its own, so one failing item costs the others nothing:
 * they commit, it is retried with backoff.
 */
async function processTenantBatch(conn: Db, rows: InboxRow[]): Promise<void> {
  try {
    await withTenant(rows[0]!.tenantId, async (tx) => {
      const ctx: ItemContext = {};
      const outcomes: string[] = [];
      for (const row of rows) outcomes.push(await processItem(tx, row, ctx));
      await markInboxDone(tx, rows[0]!.tenantId, rows, outcomes);
    });
  } catch (err) {
    if (rows.length === 1) return inboxFailed(conn, rows[0]!, err);
    for (const row of rows) await processTenantBatch(conn, [row]);
  }
}

/**
 * One pass over the inbox: claims up to `limit` due items and processes each tenant's share in one tenant transaction
 * (processTenantBatch). Exactly once: an item's effects and its "done" commit together. Returns how many were claimed.
 */
export async function processDueInbox(db?: Db, limit = 50): Promise<number> {
  const conn = db ?? (await getDb());
  const rows = await claimInbox(conn, limit);
  for (const batch of byTenant(rows)) await processTenantBatch(conn, batch);
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

