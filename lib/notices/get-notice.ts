import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { noticeVersions, privacyNotices } from '@/db/schema';
import type { Tx } from '@/db';
import { DomainError } from '@/lib/errors';

export type NoticeVersion = typeof noticeVersions.$inferSelect;
export type NoticeWithVersions = typeof privacyNotices.$inferSelect & { versions: NoticeVersion[] };

/**
 * The notice row of this tenant, or DomainError('notFound', 404) — also for another tenant's id. With `lock` the row
 * is locked for the transaction, so concurrent edits of one notice number their versions one after the other.
 */
export async function requireNotice(tx: Tx, tenantId: string, noticeId: string, opts: { lock?: boolean } = {}) {
  const query = tx
    .select()
    .from(privacyNotices)
    .where(and(eq(privacyNotices.tenantId, tenantId), eq(privacyNotices.id, noticeId)));
  const [notice] = opts.lock ? await query.for('update') : await query;
  if (!notice) throw new DomainError('notFound', 404);
  return notice;
}

/** A notice with all its versions, newest first; DomainError('notFound', 404) when it is not in the tenant. */
export async function getNotice(tx: Tx, tenantId: string, noticeId: string): Promise<NoticeWithVersions> {
  const notice = await requireNotice(tx, tenantId, noticeId);
  const versions = await tx
    .select()
    .from(noticeVersions)
    .where(and(eq(noticeVersions.tenantId, tenantId), eq(noticeVersions.noticeId, noticeId)))
    .orderBy(desc(noticeVersions.version));
  return { ...notice, versions };
}
