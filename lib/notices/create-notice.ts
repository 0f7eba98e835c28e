import 'server-only';
import { noticeVersions, privacyNotices } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { resolveDraftText } from './resolve-draft-text';
import type { CreateNoticeInput, NoticeActor } from './schemas';

/** Creates a notice with its first draft (version 1) and the audit row, in the caller's tenant transaction. */
export async function createNotice(tx: Tx, ctx: NoticeActor, input: CreateNoticeInput) {
  const [notice] = await tx.insert(privacyNotices).values({ tenantId: ctx.tenantId, name: input.name }).returning();
  const textFields = await resolveDraftText(tx, ctx.tenantId, input);
  const [version] = await tx
    .insert(noticeVersions)
    .values({ tenantId: ctx.tenantId, noticeId: notice!.id, version: 1, status: 'draft', createdBy: ctx.userId, ...textFields })
    .returning({ id: noticeVersions.id });
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.userId,
    action: 'notice.create',
    targetType: 'notice',
    targetId: notice!.id,
    details: { name: input.name, versionId: version!.id, version: 1, language: input.language },
  });
  return { id: notice!.id, versionId: version!.id };
}
