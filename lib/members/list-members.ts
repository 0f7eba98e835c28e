import 'server-only';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { memberInvitations, memberships, users } from '@/db/schema';
import type { Tx } from '@/db';

/** Members and open invitations of the tenant the transaction is scoped to. */
export async function listMembers(tx: Tx, tenantId: string) {
  const members = await tx
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(users.email));
  const invitations = await tx
    .select({ id: memberInvitations.id, email: memberInvitations.email, role: memberInvitations.role, expiresAt: memberInvitations.expiresAt })
    .from(memberInvitations)
    .where(
      and(eq(memberInvitations.tenantId, tenantId), isNull(memberInvitations.acceptedAt), isNull(memberInvitations.revokedAt)),
    )
    .orderBy(desc(memberInvitations.createdAt));
  return { members, invitations };
}
