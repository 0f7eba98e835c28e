import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { inviteLinks, noticeVersions, privacyNotices } from '@/db/schema';
import type { Tx } from '@/db';

/** Choices for the ledger filter form: the tenant's links and published notice versions. */
export async function ledgerFilterOptions(tx: Tx, tenantId: string) {
  const links = await tx
    .select({ id: inviteLinks.id, label: inviteLinks.label })
    .from(inviteLinks)
    .where(eq(inviteLinks.tenantId, tenantId))
    .orderBy(asc(inviteLinks.label));
  const versions = await tx
    .select({ id: noticeVersions.id, version: noticeVersions.version, language: noticeVersions.language, notice: privacyNotices.name })
    .from(noticeVersions)
    .innerJoin(privacyNotices, and(eq(privacyNotices.tenantId, noticeVersions.tenantId), eq(privacyNotices.id, noticeVersions.noticeId)))
    .where(and(eq(noticeVersions.tenantId, tenantId), eq(noticeVersions.status, 'published')))
    .orderBy(asc(privacyNotices.name), desc(noticeVersions.version));
  return { links, versions };
}
