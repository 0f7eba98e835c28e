import 'server-only';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { consentEvents, evidenceDigests, ledgerTrees, tenants } from '@/db/schema';
import type { Db, Tx } from '@/db';
import { pipelined } from '@/lib/db/pipelined';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { log } from '@/lib/log';
import { enqueueMail } from '@/lib/mail/enqueue';
import { DIGEST_TYPES } from './digest-data';

/** Deferred mail kind of a digest (bulk lane): the worker renders its PDF and CSV at send time. */
export const DIGEST_MAIL = 'evidence_digest';

export type DigestDelivery = 'hourly' | 'daily';

/**
 * The start of the period `now` lies in — full UTC hours, or midnight in Europe/Berlin — as SQL, so every instance
 * and the database agree on it whatever their own time zone. A tenant is due once its last digest ended before it.
 */
function periodStartSql(delivery: unknown, now: Date) {
  return sql`(case when ${delivery} = 'hourly' then date_trunc('hour', ${now.toISOString()}::timestamptz)
    else date_trunc('day', ${now.toISOString()}::timestamptz at time zone 'Europe/Berlin') at time zone 'Europe/Berlin' end)`;
}

const lastDigest = (tx: Tx, tenantId: string) =>
  tx
    .select({ toSeq: sql<number | null>`max(${evidenceDigests.toSeq})`.mapWith(Number), periodEnd: sql<Date | null>`max(${evidenceDigests.periodEnd})`.mapWith((v) => (v === null ? null : new Date(v))) })
    .from(evidenceDigests)
    .where(eq(evidenceDigests.tenantId, tenantId));

/** The tenant's sealed events are exactly seq 1..size of its tree (lib/ledger/sequencer.ts). */
const headSeq = (tx: Tx, tenantId: string) => tx.select({ seq: ledgerTrees.size }).from(ledgerTrees).where(eq(ledgerTrees.tenantId, tenantId));

export type ClosedDigest = { id: string; fromSeq: number; toSeq: number; decisions: number; mailId: string | null };

/**
 * Closes the tenant's open digest range in the caller's tenant transaction: the events with seq in
 * (last digest's to_seq, current tree size] become one evidence_digests row and — when they hold a decision and the
 * tenant has an evidence address — one deferred mail (kind DIGEST_MAIL, related id = the digest).
 *
 * Why ranges of seq never skip or repeat a decision: seq is gap-free and assigned by the sequencer under the tenant's
 * tree row lock, in the same transaction that sets the tree's size. So when this transaction sees size N, every event
 * 1..N is sealed and committed, and none with seq ≤ N can still appear; an event sealed after our read gets seq > N
 * and falls into the next digest (an event recorded but not yet sealed has no seq: it is in a later digest). Each
 * digest starts right after the previous one's to_seq, and UNIQUE (tenant_id, from_seq) lets only one of two
 * concurrent runs that read the same previous digest commit: the other fails on the insert and writes nothing.
 *
 * `due`: close only when the last digest ended before the current period began (the job); without it the range is
 * closed now (the settings switch). Returns null when there was nothing to close.
 */
export async function closeDigest(tx: Tx, tenantId: string, opts: { now: Date; due?: boolean; withMail?: boolean }): Promise<ClosedDigest | null> {
  const { now } = opts;
  const [[last], [head], [tenant]] = await pipelined([
    lastDigest(tx, tenantId),
    headSeq(tx, tenantId),
    tx
      .select({ evidenceEmail: tenants.evidenceEmail, delivery: tenants.evidenceDelivery, periodStart: periodStartSql(tenants.evidenceDelivery, now).mapWith((v) => new Date(v)) })
      .from(tenants)
      .where(eq(tenants.id, tenantId)),
  ]);
  const lastTo = last?.toSeq ?? 0;
  const toSeq = head?.seq ?? 0;
  // An empty range records nothing: its row would hold the next range's from_seq.
  if (!tenant || toSeq <= lastTo) return null;
  if (opts.due && last?.periodEnd && last.periodEnd >= tenant.periodStart) return null;
  const fromSeq = lastTo + 1;
  const [first] = await tx
    .select({ occurredAt: consentEvents.occurredAt })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.seq, fromSeq)));
  const [{ decisions } = { decisions: 0 }] = await tx
    .select({ decisions: sql<number>`count(*)`.mapWith(Number) })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), sql`${consentEvents.seq} between ${fromSeq} and ${toSeq}`, inArray(consentEvents.type, [...DIGEST_TYPES])));
  // The row first: a concurrent run of the same range stops here (unique violation) before it queues anything.
  const [row] = await tx
    .insert(evidenceDigests)
    .values({ tenantId, fromSeq, toSeq, periodStart: last?.periodEnd ?? first?.occurredAt ?? now, periodEnd: now })
    .returning({ id: evidenceDigests.id });
  const id = row!.id;
  // A period without a decision (or a tenant without an evidence address) sends no mail, but its row records that
  // the range was looked at, so the next digest starts after it.
  let mailId: string | null = null;
  if (decisions > 0 && tenant.evidenceEmail && opts.withMail !== false) {
    mailId = await enqueueMail(tx, { tenantId, kind: DIGEST_MAIL, to: tenant.evidenceEmail, subject: '', html: '', text: '', relatedId: id });
    await tx.update(evidenceDigests).set({ mailId }).where(and(eq(evidenceDigests.tenantId, tenantId), eq(evidenceDigests.id, id)));
  }
  return { id, fromSeq, toSeq, decisions, mailId };
}

/**
 * The settings switch of evidence delivery, in the profile's transaction. To a digest: the events so far were mailed
 * one by one, so a row without a mail closes their range and the first digest starts after it. Back to one mail per
 * decision: the open range is sent as a last digest now instead of waiting for its period's end.
 */
export async function switchEvidenceDelivery(tx: Tx, tenantId: string, from: string, to: string, now = new Date()): Promise<void> {
  if (from === to) return;
  if (from === 'each') await closeDigest(tx, tenantId, { now, withMail: false });
  else if (to === 'each') await closeDigest(tx, tenantId, { now });
}

const isDuplicateRange = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
};

/**
 * The digest job: every tenant with hourly or daily delivery whose period has ended and whose chain moved since its
 * last digest gets its digest, each in a transaction of its own. Safe to run concurrently on several instances (a
 * second run of the same range fails on UNIQUE (tenant_id, from_seq) and is skipped). Returns the digests written.
 */
export async function runDueDigests(db?: Db, opts: { now?: Date } = {}): Promise<ClosedDigest[]> {
  const now = opts.now ?? new Date();
  const find = async (tx: Tx | Db) =>
    tx
      .select({ id: tenants.id })
      .from(tenants)
      .innerJoin(ledgerTrees, eq(ledgerTrees.tenantId, tenants.id))
      .where(
        and(
          ne(tenants.evidenceDelivery, 'each'),
          sql`${ledgerTrees.size} > coalesce((select max(d.to_seq) from evidence_digests d where d.tenant_id = ${tenants.id}), 0)`,
          sql`coalesce((select max(d.period_end) from evidence_digests d where d.tenant_id = ${tenants.id}), '-infinity') < ${periodStartSql(tenants.evidenceDelivery, now)}`,
        ),
      );
  const due = db ? await find(db) : await withSystem(find);
  const done: ClosedDigest[] = [];
  for (const { id } of due) {
    try {
      const closed = await withTenant(id, (tx) => closeDigest(tx, id, { now, due: true }));
      if (closed) done.push(closed);
    } catch (err) {
      if (isDuplicateRange(err)) continue; // another run closed this range first
      log.error({ tenantId: id, err: String(err) }, 'evidence digest failed');
    }
  }
  return done;
}

type DigestTimer = { timer?: NodeJS.Timeout; running: boolean };
const g = globalThis as unknown as { __einwDigestTimer?: DigestTimer };

/** Runs the digest job once a minute in this process (lib/boot.ts, beside the mail worker); once per process. */
export function startDigestTimer(everyMs = 60_000): void {
  if (g.__einwDigestTimer) return;
  const state: DigestTimer = { running: false };
  g.__einwDigestTimer = state;
  state.timer = setInterval(() => {
    if (state.running) return;
    state.running = true;
    runDueDigests()
      .then((d) => d.length && log.info({ digests: d.length }, 'evidence digests queued'))
      .catch((err: unknown) => log.error({ err: String(err) }, 'evidence digest pass failed'))
      .finally(() => (state.running = false));
  }, everyMs);
  state.timer.unref();
}
