import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';

/**
 * "Sealed in checkpoint N" for a page of events (issue #16): for each seq (leaf index + 1), N = the tree size of the
 * first checkpoint covering it — the smallest stored size ≥ seq. One probe of the ledger_checkpoints primary key
 * (tenant_id, size) per event shown, whatever the log's length; events still recorded (seq null) are not asked about.
 * Returns seq → N; a seq without a covering checkpoint (cannot happen: a batch writes its seqs and its checkpoint
 * together) is left out.
 */
export async function sealedInCheckpoints(tx: Tx, tenantId: string, seqs: readonly (number | null)[]): Promise<Map<number, number>> {
  const wanted = [...new Set(seqs.filter((s): s is number => s !== null))];
  if (wanted.length === 0) return new Map();
  const q = sql`select s.seq::bigint::text as seq,
      (select c.size from ledger_checkpoints c where c.tenant_id = ${tenantId} and c.size >= s.seq order by c.size limit 1)::text as size
    from unnest(array[${sql.join(
      wanted.map((s) => sql`${s}`),
      sql`, `,
    )}]::bigint[]) as s(seq)`;
  const r = (await tx.execute(q)) as unknown as { seq: string; size: string | null }[] | { rows: { seq: string; size: string | null }[] };
  const rows = Array.isArray(r) ? r : r.rows;
  return new Map(rows.filter((x) => x.size !== null).map((x) => [Number(x.seq), Number(x.size)]));
}

