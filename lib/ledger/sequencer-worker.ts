import 'server-only';
import { sql } from 'drizzle-orm';
import { rawRows } from '@/lib/db/raw-rows';
import { systemDb } from '@/lib/db/with-tenant';
import { env } from '@/lib/env';
import { drainLoop } from '@/lib/jobs/drain-loop';
import { log } from '@/lib/log';
import { BATCH_MAX, LedgerIntegrityError, sequenceTenant } from './sequencer';
import { setSequencerKickTarget } from './sequencer-kick';

/** A tenant whose queue the sequencer refused (LedgerIntegrityError) is retried after this pause, not in a busy loop. */
const REFUSED_PAUSE_MS = 60_000;

/** Tenants with queued events: a skip scan over the queue's primary key (one index probe per tenant, not per row). */
export async function tenantsWithQueuedEvents(): Promise<string[]> {
  const db = await systemDb();
  const rows = await rawRows<{ tenant_id: string }>(db, sql`
    with recursive t as (
      (select tenant_id from ledger_queue order by tenant_id limit 1)
      union all
      select (select q.tenant_id from ledger_queue q where q.tenant_id > t.tenant_id order by q.tenant_id limit 1) from t where t.tenant_id is not null
    ) select tenant_id from t where tenant_id is not null`);
  return rows.map((r) => r.tenant_id);
}

const refusedUntil = new Map<string, number>();

/**
 * One pass: every tenant with queued events gets batches until its queue is empty (or another instance holds it).
 * Tenants are independent: one tenant's refused event stops only that tenant's log (logged with ids, no data).
 */
export async function sequencePass(): Promise<number> {
  let total = 0;
  for (const tenantId of await tenantsWithQueuedEvents()) {
    if ((refusedUntil.get(tenantId) ?? 0) > Date.now()) continue;
    try {
      let n: number;
      do {
        n = await sequenceTenant(tenantId);
        total += n;
      } while (n === BATCH_MAX);
    } catch (err) {
      if (!(err instanceof LedgerIntegrityError)) throw err;
      refusedUntil.set(tenantId, Date.now() + REFUSED_PAUSE_MS);
      log.error({ tenantId, eventId: err.eventId, reason: err.message }, 'ledger sequencer refused an event: the log of this tenant is halted');
    }
  }
  return total;
}

export type Sequencer = { kick(): void; stop(): Promise<void> };

/** The sequencer loop of this process: runs on a kick (an append) and polls every LEDGER_POLL_MS for other instances' appends. */
export function createSequencer(opts: { pollMs?: number } = {}): Sequencer {
  let stopped = false;
  const loop = drainLoop(
    // A pass integrates everything queued; one more pass finds nothing and ends the drain.
    sequencePass,
    () => stopped,
    (err) => log.error({ err: err instanceof Error ? err.message.slice(0, 200) : 'error' }, 'ledger sequencer pass failed'),
  );
  const timer = setInterval(() => loop.kick(), opts.pollMs ?? env().LEDGER_POLL_MS);
  timer.unref();
  return {
    kick: () => loop.kick(),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await loop.running;
    },
  };
}

const g = globalThis as unknown as { __einwSequencerInstance?: Sequencer };

/** Starts the process's sequencer once (lib/boot.ts, npm run worker). */
export function startSequencer(opts: { pollMs?: number } = {}): Sequencer {
  if (!g.__einwSequencerInstance) {
    g.__einwSequencerInstance = createSequencer(opts);
    setSequencerKickTarget(g.__einwSequencerInstance);
    g.__einwSequencerInstance.kick();
  }
  return g.__einwSequencerInstance;
}

export async function stopSequencer(): Promise<void> {
  const s = g.__einwSequencerInstance;
  g.__einwSequencerInstance = undefined;
  setSequencerKickTarget(undefined);
  await s?.stop();
}
