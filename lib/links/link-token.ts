import 'server-only';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { inviteLinks } from '@/db/schema';
import type { Tx } from '@/db';
import { deriveToken, tokenHash } from './token';

type StoredToken = { id: string; token: string | null; tokenHash: string };

/**
 * The token a link can be shown with again: the stored one; for a link from before migration 0003 (no stored token)
 * the one derived from the current AUTH_SECRET, but only while its hash is the stored one. Null when the secret has
 * changed since: the link still works for everyone holding its old URL, but nobody can show that URL again.
 */
export function shownToken(link: StoredToken): string | null {
  if (link.token) return link.token;
  const derived = deriveToken('invite', link.id);
  return tokenHash(derived) === link.tokenHash ? derived : null;
}

/**
 * Stores the token of every link from before migration 0003 that the current AUTH_SECRET still derives (server
 * start, before any rotation can make them unshowable). Links whose hash does not match are left alone — they keep
 * working by hash. Returns how many were stored and how many cannot be shown again. Cross-tenant: run in withSystem.
 */
export async function backfillLinkTokens(tx: Tx, batchSize = 500): Promise<{ stored: number; unshowable: number }> {
  let stored = 0;
  let unshowable = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await tx
      .select({ tenantId: inviteLinks.tenantId, id: inviteLinks.id, token: inviteLinks.token, tokenHash: inviteLinks.tokenHash })
      .from(inviteLinks)
      .where(and(isNull(inviteLinks.token), gt(inviteLinks.id, after)))
      .orderBy(asc(inviteLinks.id))
      .limit(batchSize);
    for (const row of rows) {
      const token = shownToken(row);
      if (!token) {
        unshowable++;
        continue;
      }
      await tx
        .update(inviteLinks)
        .set({ token })
        .where(and(eq(inviteLinks.tenantId, row.tenantId), eq(inviteLinks.id, row.id), isNull(inviteLinks.token)));
      stored++;
    }
    if (rows.length < batchSize) return { stored, unshowable };
    after = rows[rows.length - 1]!.id;
  }
}

/** The shown token (see shownToken) of one of the tenant's links, or null (unknown link, or not showable). */
export async function linkTokenOf(tx: Tx, tenantId: string, linkId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: inviteLinks.id, token: inviteLinks.token, tokenHash: inviteLinks.tokenHash })
    .from(inviteLinks)
    .where(and(eq(inviteLinks.tenantId, tenantId), eq(inviteLinks.id, linkId)));
  return row ? shownToken(row) : null;
}
