import { memberships, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { DomainError } from '@/lib/errors';
import type { CreateTenantInput } from './schemas';

/** Creates a company and makes `userId` its owner. Runs in a system transaction: the tenant does not exist yet. */
export async function createTenant(tx: Tx, userId: string, input: CreateTenantInput, extra: Partial<typeof tenants.$inferInsert> = {}) {
  const [tenant] = await tx
    .insert(tenants)
    .values({ ...extra, name: input.name, slug: input.slug })
    .onConflictDoNothing({ target: tenants.slug })
    .returning();
  if (!tenant) throw new DomainError('slugTaken', 409);
  await tx.insert(memberships).values({ tenantId: tenant.id, userId, role: 'owner' });
  await recordAudit(tx, { tenantId: tenant.id, actorUserId: userId, action: 'tenant.create', targetType: 'tenant', targetId: tenant.id });
  return tenant;
}
