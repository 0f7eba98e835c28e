import 'server-only';
import { memberships, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { withSystem } from '@/lib/db/with-tenant';
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

/** Onboarding: the signed-in user creates a company and becomes its owner (system transaction: no tenant yet). */
export function createCompany(userId: string, input: CreateTenantInput) {
  return withSystem((tx) => createTenant(tx, userId, input));
}
