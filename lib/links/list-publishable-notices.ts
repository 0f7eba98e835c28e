import { and, asc, eq, exists } from 'drizzle-orm';
import { noticeVersions, privacyNotices } from '@/db/schema';
import type { Tx } from '@/db';

/** The tenant's notices that have a published version: the ones an invite link may point to. */
export async function listPublishableNotices(tx: Tx, tenantId: string): Promise<{ id: string; name: string }[]> {
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
    .where(and(eq(privacyNotices.tenantId, tenantId), exists(published)))
    .orderBy(asc(privacyNotices.name), asc(privacyNotices.id));
}
