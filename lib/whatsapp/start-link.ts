import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { inviteLinks, noticeVersions } from '@/db/schema';
import type { Tx } from '@/db';
import { lastLinkOf } from '@/lib/consent/find-contact';
import { inviteUrl } from '@/lib/links/link-url';
import { newInviteToken, tokenHash } from '@/lib/links/token';

/** How long a START reply's personal link stays usable. */
const START_LINK_DAYS = 7;

/**
 * A personal consent link for a number that wrote START: a single-use invite link for the notice the contact last
 * decided on (else the tenant's newest published notice), with the number prefilled. It never creates consent by
 * itself — the notice must be read and confirmed on the page. Null when the tenant has no published notice.
 */
export async function startLink(tx: Tx, t: { tenantId: string; slug: string }, waId: string, contactId: string | null): Promise<string | null> {
  const noticeId = await noticeFor(tx, t.tenantId, contactId);
  if (!noticeId) return null;
  const token = newInviteToken();
  await tx.insert(inviteLinks).values({
    tenantId: t.tenantId,
    id: randomUUID(),
    noticeId,
    label: 'WhatsApp START',
    token,
    tokenHash: tokenHash(token),
    createdBy: null,
    expiresAt: new Date(Date.now() + START_LINK_DAYS * 86_400_000),
    maxUses: 1,
    prefillPhone: `+${waId}`,
  });
  return inviteUrl(t.slug, token);
}

async function noticeFor(tx: Tx, tenantId: string, contactId: string | null): Promise<string | null> {
  const linkId = contactId ? await lastLinkOf(tx, tenantId, contactId) : null;
  if (linkId) {
    const [l] = await tx.select({ noticeId: inviteLinks.noticeId }).from(inviteLinks).where(and(eq(inviteLinks.tenantId, tenantId), eq(inviteLinks.id, linkId)));
    if (l) return l.noticeId;
  }
  const [v] = await tx
    .select({ noticeId: noticeVersions.noticeId })
    .from(noticeVersions)
    .where(and(eq(noticeVersions.tenantId, tenantId), eq(noticeVersions.status, 'published')))
    .orderBy(desc(noticeVersions.publishedAt))
    .limit(1);
  return v?.noticeId ?? null;
}
