import 'server-only';
import { eq } from 'drizzle-orm';
import { consentEvents, tenants } from '@/db/schema';
import type { Tx } from '@/db';

/**
 * The public facts of an event found by its hash, for the verify page: no personal data, no ids beyond the tenant's
 * (which only selects the chain to verify). System query: the hash is what tells us the tenant.
 */
export async function findEventByHash(tx: Tx, hash: string) {
  const [row] = await tx
    .select({
      tenantId: consentEvents.tenantId,
      tenantName: tenants.name,
      seq: consentEvents.seq,
      type: consentEvents.type,
      occurredAt: consentEvents.occurredAt,
    })
    .from(consentEvents)
    .innerJoin(tenants, eq(tenants.id, consentEvents.tenantId))
    .where(eq(consentEvents.hash, hash));
  return row ?? null;
}
