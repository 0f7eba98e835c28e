import 'server-only';
import { and, asc, eq, exists } from 'drizzle-orm';
import { noticeVersions, privacyNotices } from '@/db/schema';
import type { Tx } from '@/db';

/**
 * The tenant's notices that have a published version: the ones an invite link may point to. With `noticeId`, only
 * that notice (empty when it is not publishable, or not the tenant's).
 */
export async function listPublishableNotices(tx: Tx, tenantId: string, noticeId?: string): Promise<{ id: string; name: string }[]> {
  const published = tx
    .select({ id: noticeVersions.id })
    .from(noticeVersions)
    .where(
      and(
        eq(noticeVersions.tenantId, privacyNotices.tenantId),
        eq(noticeVersions.noticeId, privacyNotices.id),
        eq(noticeVersions.status, 'published'),
      ),
    );
  return tx
    .select({ id: privacyNotices.id, name: privacyNotices.name })
    .from(privacyNotices)
    .where(and(eq(privacyNotices.tenantId, tenantId), noticeId ? eq(privacyNotices.id, noticeId) : undefined, exists(published)))
    .orderBy(asc(privacyNotices.name), asc(privacyNotices.id));
}
