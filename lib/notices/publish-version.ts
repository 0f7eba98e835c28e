import 'server-only';
import { and, eq } from 'drizzle-orm';
import { noticeVersions, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { invalidatePublicViews } from '@/lib/consent/public-cache';
import { DomainError } from '@/lib/errors';
import { controllerGaps } from './controller';
import { requireNotice } from './get-notice';
import { findPlaceholders } from './placeholders';
import type { NoticeActor, PublishVersionInput } from './schemas';
import { noticeTextHash } from './text-hash';

/**
 * Publishes a draft version: status 'published', publishedAt and the text hash that every consent event will cite.
 * From then on the row is immutable. `expectedHash` (the text the publisher reviewed) guards against publishing a
 * draft someone else changed in the meantime.
 */
export async function publishVersion(tx: Tx, ctx: NoticeActor, input: Pick<PublishVersionInput, 'noticeId' | 'versionId' | 'expectedHash'>) {
  await requireNotice(tx, ctx.tenantId, input.noticeId, { lock: true });
  const [v] = await tx
    .select()
    .from(noticeVersions)
    .where(
      and(eq(noticeVersions.tenantId, ctx.tenantId), eq(noticeVersions.noticeId, input.noticeId), eq(noticeVersions.id, input.versionId)),
    );
  if (!v) throw new DomainError('notFound', 404);
  if (v.status === 'published') throw new DomainError('notices.errors.alreadyPublished', 409);
  // Template placeholders never reach a published version; the names go back to the form (fieldErrors).
  const unfilled = findPlaceholders(v.title, v.body, v.purpose, v.legalBasis);
  if (unfilled.length) throw new DomainError('notices.errors.unfilledPlaceholders', 422, { placeholders: unfilled.join('\n') });
  // A notice must name the controller (Art. 13(1)(a) GDPR): refused while the company profile lacks it.
  const [controller] = await tx
    .select({ name: tenants.name, legalName: tenants.legalName, address: tenants.address, contactPhone: tenants.contactPhone, evidenceEmail: tenants.evidenceEmail })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  const gaps = controller ? controllerGaps(controller) : ['name'];
  if (gaps.length) throw new DomainError('notices.errors.controllerIncomplete', 422, { controller: gaps.join(' ') });
  const textHash = noticeTextHash(v);
  if (input.expectedHash && input.expectedHash !== textHash) throw new DomainError('notices.errors.changedSinceView', 409);
  const publishedAt = new Date();
  await tx
    .update(noticeVersions)
    .set({ status: 'published', publishedAt, textHash })
    .where(and(eq(noticeVersions.tenantId, ctx.tenantId), eq(noticeVersions.id, v.id), eq(noticeVersions.status, 'draft')));
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.userId,
    action: 'notice.publish',
    targetType: 'notice_version',
    targetId: v.id,
    details: { noticeId: input.noticeId, version: v.version, language: v.language, textHash },
  });
  invalidatePublicViews(ctx.tenantId); // the consent page shows the new version (lib/consent/public-cache.ts)
  return { versionId: v.id, version: v.version, language: v.language, textHash, publishedAt };
}
