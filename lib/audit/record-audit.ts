import 'server-only';
import { auditLog } from '@/db/schema';
import type { Tx } from '@/db';

/** Records a dashboard action in the same transaction as the change itself. */
export async function recordAudit(
  tx: Tx,
  entry: { tenantId: string; actorUserId: string | null; action: string; targetType?: string; targetId?: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: entry.tenantId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ? JSON.stringify(entry.details) : null,
  });
}
