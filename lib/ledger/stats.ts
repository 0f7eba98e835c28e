import { and, eq, gte, sql } from 'drizzle-orm';
import { consentEvents } from '@/db/schema';
import type { Tx } from '@/db';

export type WeekCount = { week: string; optIn: number; optOut: number; withdrawn: number };

/** Decisions per ISO week (Europe/Berlin) over the last `weeks` weeks, oldest first, with empty weeks filled in. */
export async function weeklyCounts(tx: Tx, tenantId: string, weeks = 12, now = new Date()): Promise<WeekCount[]> {
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const weekExpr = sql<string>`to_char(date_trunc('week', ${consentEvents.occurredAt} at time zone 'Europe/Berlin'), 'YYYY-MM-DD')`;
  const rows = await tx
    .select({ week: weekExpr, type: consentEvents.type, n: sql<number>`count(*)::int` })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), gte(consentEvents.occurredAt, since)))
    .groupBy(weekExpr, consentEvents.type);
  const byWeek = new Map<string, WeekCount>();
  for (let i = weeks - 1; i >= 0; i--) {
    const d = new Date(now.getTime() - i * 7 * 86_400_000);
    const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
    const key = monday.toISOString().slice(0, 10);
    byWeek.set(key, { week: key, optIn: 0, optOut: 0, withdrawn: 0 });
  }
  for (const r of rows) {
    const w = byWeek.get(r.week);
    if (!w) continue;
    if (r.type === 'opt_in') w.optIn += r.n;
    else if (r.type === 'opt_out') w.optOut += r.n;
    else if (r.type === 'withdrawn') w.withdrawn += r.n;
  }
  return [...byWeek.values()];
}
