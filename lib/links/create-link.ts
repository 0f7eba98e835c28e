import 'server-only';
import { randomUUID } from 'node:crypto';
import { inviteLinks } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { DomainError } from '@/lib/errors';
import type { LinkActor } from './link-context';
import { listPublishableNotices } from './list-publishable-notices';
import type { CreateLinkInput } from './schemas';
import { newInviteToken, tokenHash } from './token';

/**
 * Creates an invite link for a published notice with a random token, stored with its hash (the lookup key) so the
 * dashboard can show the link again whatever happens to AUTH_SECRET.
 */
export async function createLink(tx: Tx, ctx: LinkActor, input: CreateLinkInput): Promise<{ id: string }> {
  // Another tenant's notice is invisible here (RLS + tenant filter), so it fails the same way as an unpublished one.
  if ((await listPublishableNotices(tx, ctx.tenantId, input.noticeId)).length === 0) throw new DomainError('links.errors.noticeNotPublished', 422);
  const id = randomUUID();
  const token = newInviteToken();
  await tx.insert(inviteLinks).values({
    tenantId: ctx.tenantId,
    id,
    noticeId: input.noticeId,
    label: input.label ?? ctx.email,
    token,
    tokenHash: tokenHash(token),
    createdBy: ctx.userId,
    expiresAt: input.expiresAt,
    maxUses: input.maxUses,
    prefillName: input.prefillName,
    prefillPhone: input.prefillPhone,
  });
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.userId,
    action: 'link.create',
    targetType: 'invite_link',
    targetId: id,
    // No prefilled name or phone here: the audit log outlives a contact's erasure.
    details: {
      noticeId: input.noticeId,
      expiresAt: input.expiresAt?.toISOString() ?? null,
      maxUses: input.maxUses,
      personal: Boolean(input.prefillName || input.prefillPhone),
    },
  });
  return { id };
}
