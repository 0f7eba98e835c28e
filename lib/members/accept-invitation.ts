import 'server-only';
import { eq } from 'drizzle-orm';
import { memberInvitations, memberships, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { sha256Hex } from '@/lib/crypto';
import { withSystem } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { invitationTokenSchema } from './schemas';

/** Looks an invitation up by its token (system query: the invitee is not a member yet). */
export async function findInvitation(tx: Tx, token: string) {
  const [row] = await tx
    .select({ invitation: memberInvitations, tenantName: tenants.name })
    .from(memberInvitations)
    .innerJoin(tenants, eq(tenants.id, memberInvitations.tenantId))
    .where(eq(memberInvitations.tokenHash, sha256Hex(token)));
  if (!row) throw new DomainError('invitationNotFound', 404);
  const inv = row.invitation;
  if (inv.revokedAt) throw new DomainError('invitationRevoked', 410);
  if (inv.acceptedAt) throw new DomainError('invitationUsed', 410);
  if (inv.expiresAt.getTime() < Date.now()) throw new DomainError('invitationExpired', 410);
  return { ...inv, tenantName: row.tenantName };
}

/** Accepts an invitation for the signed-in user, whose e-mail must be the invited one. */
export async function acceptInvitation(tx: Tx, user: { id: string; email: string }, token: string) {
  const inv = await findInvitation(tx, token);
  if (inv.email.toLowerCase() !== user.email.toLowerCase()) throw new DomainError('invitationOtherEmail', 403);
  await tx
    .insert(memberships)
    .values({ tenantId: inv.tenantId, userId: user.id, role: inv.role })
    .onConflictDoNothing();
  await tx.update(memberInvitations).set({ acceptedAt: new Date(), acceptedBy: user.id }).where(eq(memberInvitations.tokenHash, inv.tokenHash));
  await recordAudit(tx, {
    tenantId: inv.tenantId,
    actorUserId: user.id,
    action: 'member.join',
    targetType: 'invitation',
    targetId: inv.id,
    details: { role: inv.role },
  });
  return { tenantId: inv.tenantId };
}

function checkedToken(token: string): string {
  if (!invitationTokenSchema.safeParse(token).success) throw new DomainError('invitationNotFound', 404);
  return token;
}

/** The invitation a token from the URL names, for the invitation page (cross-tenant: the invitee is no member yet). */
export function invitationByToken(token: string) {
  return withSystem((tx) => findInvitation(tx, checkedToken(token)));
}

/** The signed-in user joins the tenant of the invitation `token` names (cross-tenant: not a member yet). */
export function joinByInvitation(user: { id: string; email: string }, token: string) {
  return withSystem((tx) => acceptInvitation(tx, user, checkedToken(token)));
}
