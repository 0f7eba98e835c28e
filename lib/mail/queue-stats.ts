import 'server-only';
import { and, count, desc, eq, isNotNull, min, ne } from 'drizzle-orm';
import { mailOutbox } from '@/db/schema';
import { pipelined } from '@/lib/db/pipelined';
import { systemDb, withTenant } from '@/lib/db/with-tenant';
import type { MailLane } from './lanes';
import { providerBlockedUntil } from './provider-limit';

export type LaneQueue = { lane: MailLane; waiting: number; oldestCreatedAt: Date | null };
export type MailFailure = { id: string; kind: string; to: string; status: 'pending' | 'sent' | 'dead'; attempts: number; lastError: string | null; createdAt: Date };
export type MailQueue = { lanes: LaneQueue[]; dead: number; failures: MailFailure[]; providerBlockedUntil: Date | null };

const LANES: MailLane[] = ['interactive', 'bulk'];

/**
 * The tenant's mail queue for the dashboard: mails waiting per lane and the oldest one's age, mails given up on, the
 * latest failures with the provider's error. Only the tenant's own mail (system mail such as sign-in links has no
 * tenant), plus whether the provider asked every worker to wait (its 429, shared by the deployment).
 */
export async function mailQueue(tenantId: string): Promise<MailQueue> {
  const [perLane, [dead], failures] = await withTenant(tenantId, (tx) =>
    pipelined([
      tx
        .select({ lane: mailOutbox.lane, waiting: count(), oldestCreatedAt: min(mailOutbox.createdAt) })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.status, 'pending')))
        .groupBy(mailOutbox.lane),
      tx.select({ n: count() }).from(mailOutbox).where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.status, 'dead'))),
      tx
        .select({
          id: mailOutbox.id,
          kind: mailOutbox.kind,
          to: mailOutbox.to,
          status: mailOutbox.status,
          attempts: mailOutbox.attempts,
          lastError: mailOutbox.lastError,
          createdAt: mailOutbox.createdAt,
        })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.tenantId, tenantId), isNotNull(mailOutbox.lastError), ne(mailOutbox.status, 'sent')))
        .orderBy(desc(mailOutbox.createdAt))
        .limit(10),
    ]),
  );
  return {
    lanes: LANES.map((lane) => {
      const row = perLane.find((r) => r.lane === lane);
      return { lane, waiting: row?.waiting ?? 0, oldestCreatedAt: row?.oldestCreatedAt ? new Date(row.oldestCreatedAt) : null };
    }),
    dead: dead?.n ?? 0,
    failures,
    providerBlockedUntil: await providerBlockedUntil(await systemDb()),
  };
}
