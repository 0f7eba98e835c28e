import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { noticeVersions } from '@/db/schema';
import type { Tx } from '@/db';
import type { NoticeVersion } from './get-notice';
import type { NoticeLanguage } from './schemas';

/**
 * The version a contact is shown: the newest published version in `language`, else the newest published version in
 * any language, else null (nothing published yet).
 */
export async function findPublishedVersion(tx: Tx, tenantId: string, noticeId: string, language: NoticeLanguage): Promise<NoticeVersion | null> {
  const [row] = await tx
    .select()
    .from(noticeVersions)
    .where(and(eq(noticeVersions.tenantId, tenantId), eq(noticeVersions.noticeId, noticeId), eq(noticeVersions.status, 'published')))
    .orderBy(desc(sql`(${noticeVersions.language} = ${language})`), desc(noticeVersions.version))
    .limit(1);
  return row ?? null;
}
