import 'server-only';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { consentEvents } from '@/db/schema';
import type { Tx } from '@/db';
import { berlinDayStart } from '@/lib/berlin-day';

export type WeekCount = { week: string; optIn: number; optOut: number; withdrawn: number };

/** The Mondays (YYYY-MM-DD) of the last `weeks` weeks, oldest first. */
function weekKeys(weeks: number, now: Date): string[] {
  const keys: string[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const d = new Date(now.getTime() - i * 7 * 86_400_000);
    const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
    keys.push(monday.toISOString().slice(0, 10));
  }
  return keys;
}

/** Decisions per ISO week (Europe/Berlin) over the last `weeks` weeks, oldest first, with empty weeks filled in. */
export async function weeklyCounts(tx: Tx, tenantId: string, weeks = 12, now = new Date()): Promise<WeekCount[]> {
  const keys = weekKeys(weeks, now);
  // Week boundaries are computed here (Monday 00:00 in Berlin, DST included) and each event is put in its week by a
  // binary search (width_bucket): a per-row time-zone conversion and to_char cost more than the scan itself, which
  // is index-only on consent_events_tenant_time_idx (tenant_id, occurred_at, id, type).
  const next = new Date(Date.parse(`${keys[keys.length - 1]}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const bounds = [...keys, next].map((k) => berlinDayStart(k));
  const bucket = sql<number>`width_bucket(${consentEvents.occurredAt}, ${`{${bounds.map((b) => `"${b.toISOString()}"`).join(',')}}`}::timestamptz[])`;
  const rows = await tx
    .select({ bucket, type: consentEvents.type, n: sql<number>`count(*)::int` })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), gte(consentEvents.occurredAt, bounds[0]!), lt(consentEvents.occurredAt, bounds[weeks]!)))
    .groupBy(sql`1`, sql`2`); // by position: the bounds parameter would otherwise be sent twice and not match
  const counts: WeekCount[] = keys.map((week) => ({ week, optIn: 0, optOut: 0, withdrawn: 0 }));
  for (const r of rows) {
    const w = counts[Number(r.bucket) - 1]; // width_bucket numbers the weeks from 1
    if (!w) continue;
    if (r.type === 'opt_in') w.optIn += r.n;
    else if (r.type === 'opt_out') w.optOut += r.n;
    else if (r.type === 'withdrawn') w.withdrawn += r.n;
  }
  return counts;
}
