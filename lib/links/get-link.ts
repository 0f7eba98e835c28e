import { and, eq } from 'drizzle-orm';
import { inviteLinks } from '@/db/schema';
import type { Tx } from '@/db';

/** One invite link of the tenant (id and label), or null for an unknown id or another tenant's link. */
export async function getLink(tx: Tx, tenantId: string, linkId: string): Promise<{ id: string; label: string } | null> {
  const [link] = await tx
    .select({ id: inviteLinks.id, label: inviteLinks.label })
    .from(inviteLinks)
    .where(and(eq(inviteLinks.tenantId, tenantId), eq(inviteLinks.id, linkId)));
  return link ?? null;
}
