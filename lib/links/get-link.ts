import 'server-only';
import { and, eq } from 'drizzle-orm';
import { inviteLinks } from '@/db/schema';
import type { Tx } from '@/db';
import { shownToken } from './link-token';

/**
 * One invite link of the tenant (id, label, the token to show it with — null when it cannot be shown again), or null
 * for an unknown id or another tenant's link.
 */
export async function getLink(tx: Tx, tenantId: string, linkId: string): Promise<{ id: string; label: string; token: string | null } | null> {
  const [link] = await tx
    .select({ id: inviteLinks.id, label: inviteLinks.label, token: inviteLinks.token, tokenHash: inviteLinks.tokenHash })
    .from(inviteLinks)
    .where(and(eq(inviteLinks.tenantId, tenantId), eq(inviteLinks.id, linkId)));
  return link ? { id: link.id, label: link.label, token: shownToken(link) } : null;
}
