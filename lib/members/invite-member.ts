import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { memberInvitations, memberships, users } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { assignableRoles, type Role } from '@/lib/auth/permissions';
import { appUrl } from '@/lib/config';
import { randomToken, sha256Hex } from '@/lib/crypto';
import { DomainError } from '@/lib/errors';
import { enqueueMail } from '@/lib/mail/enqueue';
import { memberInvitationMail } from '@/lib/mail/templates';
import type { InviteMemberInput } from './schemas';

export const INVITATION_TTL_DAYS = 7;

/** Invites someone into the tenant: invitation row, invitation mail (outbox) and audit row in one transaction. */
export async function inviteMember(
  tx: Tx,
  ctx: { tenantId: string; tenantName: string; userId: string; email: string; role: Role },
  input: InviteMemberInput,
) {
  if (!assignableRoles(ctx.role).includes(input.role)) throw new DomainError('roleNotAllowed', 403);
  const existing = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, ctx.tenantId), eq(users.email, input.email)));
  if (existing.length) throw new DomainError('alreadyMember', 409);

  // A new invitation for the same address replaces any still open one.
  await tx
    .update(memberInvitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(memberInvitations.tenantId, ctx.tenantId),
        eq(memberInvitations.email, input.email),
        isNull(memberInvitations.acceptedAt),
        isNull(memberInvitations.revokedAt),
      ),
    );
  const token = randomToken();
  const [invitation] = await tx
    .insert(memberInvitations)
    .values({
      tenantId: ctx.tenantId,
      email: input.email,
      role: input.role,
      tokenHash: sha256Hex(token),
      invitedBy: ctx.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
    })
    .returning({ id: memberInvitations.id });
  const mail = await memberInvitationMail(input.locale, {
    url: `${appUrl()}/invite/${token}`,
    tenantName: ctx.tenantName,
    inviter: ctx.email,
    role: input.role,
  });
  await enqueueMail(tx, { tenantId: ctx.tenantId, kind: 'member_invitation', to: input.email, relatedId: invitation!.id, ...mail });
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.userId,
    action: 'member.invite',
    targetType: 'invitation',
    targetId: invitation!.id,
    details: { role: input.role },
  });
  return { id: invitation!.id };
}
