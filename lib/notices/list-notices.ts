import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { noticeVersions, privacyNotices } from '@/db/schema';
import type { Tx } from '@/db';
import type { NoticeLanguage } from './schemas';

export type VersionSummary = {
  id: string;
  version: number;
  language: NoticeLanguage;
  status: 'draft' | 'published';
  title: string;
  publishedAt: Date | null;
  createdAt: Date;
  /** The newest published version in this language (what contacts are shown), or null. */
  publishedVersion: number | null;
};
export type NoticeSummary = { id: string; name: string; createdAt: Date; latest: VersionSummary[] };

/** The tenant's notices, newest first, each with its latest version per language (published or not). */
export async function listNotices(tx: Tx, tenantId: string): Promise<NoticeSummary[]> {
  const notices = await tx
    .select({ id: privacyNotices.id, name: privacyNotices.name, createdAt: privacyNotices.createdAt })
    .from(privacyNotices)
    .where(eq(privacyNotices.tenantId, tenantId))
    .orderBy(desc(privacyNotices.createdAt), desc(privacyNotices.id));
  const versions = await tx
    .select({
      noticeId: noticeVersions.noticeId,
      id: noticeVersions.id,
      version: noticeVersions.version,
      language: noticeVersions.language,
      status: noticeVersions.status,
      title: noticeVersions.title,
      publishedAt: noticeVersions.publishedAt,
      createdAt: noticeVersions.createdAt,
    })
    .from(noticeVersions)
    .where(eq(noticeVersions.tenantId, tenantId))
    .orderBy(desc(noticeVersions.version));
  const latest = new Map<string, VersionSummary[]>();
  for (const { noticeId, ...v } of versions) {
    const list = latest.get(noticeId) ?? [];
    const same = list.find((x) => x.language === v.language);
    if (!same) list.push({ ...v, publishedVersion: v.status === 'published' ? v.version : null });
    else if (same.publishedVersion === null && v.status === 'published') same.publishedVersion = v.version;
    latest.set(noticeId, list);
  }
  return notices.map((n) => ({ ...n, latest: (latest.get(n.id) ?? []).sort((a, b) => a.language.localeCompare(b.language)) }));
}
