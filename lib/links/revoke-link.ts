import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { inviteLinks } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { invalidatePublicViews } from '@/lib/consent/public-cache';
import { notFound } from '@/lib/errors';
import type { LinkActor } from './link-context';

/**
 * Revokes an invite link: the public page refuses it from now on. Revoking twice is a no-op; an unknown id or
 * another tenant's link is "not found".
 */
export async function revokeLink(tx: Tx, ctx: LinkActor, linkId: string): Promise<{ id: string; alreadyRevoked: boolean }> {
  const [revoked] = await tx
    .update(inviteLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(inviteLinks.tenantId, ctx.tenantId), eq(inviteLinks.id, linkId), isNull(inviteLinks.revokedAt)))
    .returning({ id: inviteLinks.id });
  if (!revoked) {
    const [existing] = await tx
      .select({ id: inviteLinks.id })
      .from(inviteLinks)
      .where(and(eq(inviteLinks.tenantId, ctx.tenantId), eq(inviteLinks.id, linkId)));
    if (!existing) throw notFound();
    return { id: linkId, alreadyRevoked: true };
  }
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.userId,
    action: 'link.revoke',
    targetType: 'invite_link',
    targetId: linkId,
  });
  invalidatePublicViews(ctx.tenantId); // the consent page refuses the link at once (lib/consent/public-cache.ts)
  return { id: linkId, alreadyRevoked: false };
}
