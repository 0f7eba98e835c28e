import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db';
import { noticeVersions, privacyNotices } from '@/db/schema';
import { loadController } from '@/lib/evidence/load-controller';
import type { EvidenceController } from '@/lib/evidence/types';
import { getCheck, type CheckRow } from './load-import';

export type CheckNotice = { id: string; notice: string; title: string; version: number; language: string; publishedAt: Date | null; textHash: string | null; cards: number };

/** What the DPO's "address book check" PDF shows: the check row, the controller and the notice versions behind the consents. */
export type CheckPdfData = { check: CheckRow; controller: EvidenceController; notices: CheckNotice[]; generatedAt: Date };

/** Gathers the check PDF's data; null when the check is not the tenant's. */
export async function gatherCheckPdf(tx: Tx, tenantId: string, checkId: string, now = new Date()): Promise<CheckPdfData | null> {
  const check = await getCheck(tx, tenantId, checkId);
  if (!check) return null;
  const ids = check.noticeVersions.map((v) => v.noticeVersionId);
  const rows = ids.length
    ? await tx
        .select({
          id: noticeVersions.id,
          notice: privacyNotices.name,
          title: noticeVersions.title,
          version: noticeVersions.version,
          language: noticeVersions.language,
          publishedAt: noticeVersions.publishedAt,
          textHash: noticeVersions.textHash,
        })
        .from(noticeVersions)
        .innerJoin(privacyNotices, and(eq(privacyNotices.tenantId, noticeVersions.tenantId), eq(privacyNotices.id, noticeVersions.noticeId)))
        .where(and(eq(noticeVersions.tenantId, tenantId), inArray(noticeVersions.id, ids)))
    : [];
  const cardsOf = new Map(check.noticeVersions.map((v) => [v.noticeVersionId, v.cards]));
  const notices = rows.map((r) => ({ ...r, cards: cardsOf.get(r.id) ?? 0 })).sort((a, b) => a.notice.localeCompare(b.notice) || a.version - b.version);
  return { check, controller: await loadController(tx, tenantId), notices, generatedAt: now };
}
