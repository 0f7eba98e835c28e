import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { consentEvents, inviteLinks, privacyNotices } from '@/db/schema';
import type { Tx } from '@/db';
import { linkStatus, type LinkStatus } from './link-status';
import { shownToken } from './link-token';

export type LinkSummary = {
  id: string;
  label: string;
  noticeId: string;
  noticeName: string;
  createdAt: Date;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  opens: number;
  revokedAt: Date | null;
  prefillName: string | null;
  prefillPhone: string | null;
  optIns: number;
  optOuts: number;
  status: LinkStatus;
  /** The token to show the link with, or null when it cannot be shown again (lib/links/link-token.ts). */
  token: string | null;
};

/** The tenant's invite links, newest first, with their notice and decision counts (one grouped query). */
export async function listLinks(tx: Tx, tenantId: string, now: Date = new Date()): Promise<LinkSummary[]> {
  const counts = tx
    .select({
      linkId: consentEvents.linkId,
      optIns: sql<number>`count(*) filter (where ${consentEvents.type} = 'opt_in')`.as('opt_ins'),
      optOuts: sql<number>`count(*) filter (where ${consentEvents.type} = 'opt_out')`.as('opt_outs'),
    })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), inArray(consentEvents.type, ['opt_in', 'opt_out'])))
    .groupBy(consentEvents.linkId)
    .as('counts');
  const rows = await tx
    .select({
      id: inviteLinks.id,
      label: inviteLinks.label,
      token: inviteLinks.token,
      tokenHash: inviteLinks.tokenHash,
      noticeId: inviteLinks.noticeId,
      noticeName: privacyNotices.name,
      createdAt: inviteLinks.createdAt,
      expiresAt: inviteLinks.expiresAt,
      maxUses: inviteLinks.maxUses,
      uses: inviteLinks.uses,
      opens: inviteLinks.opens,
      revokedAt: inviteLinks.revokedAt,
      prefillName: inviteLinks.prefillName,
      prefillPhone: inviteLinks.prefillPhone,
      optIns: sql<number>`coalesce(${counts.optIns}, 0)::int`.mapWith(Number),
      optOuts: sql<number>`coalesce(${counts.optOuts}, 0)::int`.mapWith(Number),
    })
    .from(inviteLinks)
    .innerJoin(privacyNotices, and(eq(privacyNotices.tenantId, inviteLinks.tenantId), eq(privacyNotices.id, inviteLinks.noticeId)))
    .leftJoin(counts, eq(counts.linkId, inviteLinks.id))
    .where(eq(inviteLinks.tenantId, tenantId))
    .orderBy(desc(inviteLinks.createdAt), desc(inviteLinks.id));
  return rows.map(({ tokenHash, ...r }) => ({ ...r, token: shownToken({ id: r.id, token: r.token, tokenHash }), status: linkStatus(r, now) }));
}
