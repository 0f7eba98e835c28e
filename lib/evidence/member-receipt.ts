import { recordAudit } from '@/lib/audit/record-audit';
import { withTenant } from '@/lib/db/with-tenant';
import { gatherReceipt } from './receipt-data';

/** A dashboard download of one event's receipt: gathered in the member's tenant, with its audit row. */
export async function receiptForMember(ctx: { tenantId: string; userId: string }, eventId: string, format: 'pdf' | 'json') {
  return withTenant(ctx.tenantId, async (tx) => {
    const data = await gatherReceipt(tx, ctx.tenantId, eventId);
    await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'proof.download', targetType: 'event', targetId: eventId, details: { format } });
    return data;
  });
}
