import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { noticeVersions } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { DomainError } from '@/lib/errors';
import { requireNotice } from './get-notice';
import { resolveDraftText } from './resolve-draft-text';
import type { NoticeActor, SaveDraftInput } from './schemas';

/**
 * Saves the draft of a notice in one language: updates the open draft in that language, or — when the newest
 * version in that language is published, or there is none yet — starts a new draft numbered max(version) + 1.
 * A published row is never updated (the database refuses it anyway).
 */
export async function saveDraft(tx: Tx, ctx: NoticeActor, input: SaveDraftInput) {
  await requireNotice(tx, ctx.tenantId, input.noticeId, { lock: true });
  const versions = await tx
    .select()
    .from(noticeVersions)
    .where(and(eq(noticeVersions.tenantId, ctx.tenantId), eq(noticeVersions.noticeId, input.noticeId)))
    .orderBy(desc(noticeVersions.version));
  const latest = versions.find((v) => v.language === input.language);
  const fields = await resolveDraftText(tx, ctx.tenantId, input);

  if (latest?.status === 'draft') {
    await tx
      .update(noticeVersions)
      .set(fields)
      .where(and(eq(noticeVersions.tenantId, ctx.tenantId), eq(noticeVersions.id, latest.id), eq(noticeVersions.status, 'draft')));
    await audit(tx, ctx, 'notice.draft.update', input.noticeId, latest.id, latest.version, input.language);
    return { versionId: latest.id, version: latest.version, created: false };
  }

  if (latest && sameText(latest, fields)) throw new DomainError('notices.errors.unchanged', 409);
  const next = (versions[0]?.version ?? 0) + 1;
  const [row] = await tx
    .insert(noticeVersions)
    .values({ tenantId: ctx.tenantId, noticeId: input.noticeId, version: next, status: 'draft', createdBy: ctx.userId, ...fields })
    .returning({ id: noticeVersions.id });
  await audit(tx, ctx, 'notice.draft.create', input.noticeId, row!.id, next, input.language);
  return { versionId: row!.id, version: next, created: true };
}

type TextFields = { title: string; body: string; purpose: string; legalBasis: string };

function sameText(a: TextFields, b: TextFields): boolean {
  return a.title === b.title && a.body === b.body && a.purpose === b.purpose && a.legalBasis === b.legalBasis;
}

function audit(tx: Tx, ctx: NoticeActor, action: string, noticeId: string, versionId: string, version: number, language: string) {
  return recordAudit(tx, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.userId,
    action,
    targetType: 'notice_version',
    targetId: versionId,
    details: { noticeId, version, language },
  });
}
