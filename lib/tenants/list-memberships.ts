import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { memberships, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import type { Role } from '@/lib/auth/permissions';

export type MembershipSummary = { tenantId: string; slug: string; name: string; role: Role };

/** The tenants a user belongs to (system query: it spans tenants by nature). */
export async function listMemberships(tx: Tx, userId: string): Promise<MembershipSummary[]> {
  return tx
    .select({ tenantId: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name));
}
