import 'server-only';
import type { Tx } from '@/db';
import { DomainError, notFound } from '@/lib/errors';
import { getLink } from './get-link';
import type { PosterData } from './poster-data';

/** A link from before stored tokens whose token AUTH_SECRET no longer derives: it works, but its URL is unknown (410). */
export const linkTokenLost = () => new DomainError('linkTokenLost', 410);

/** An invite link of the tenant whose URL can be shown (QR code): 404 when unknown, 410 when its token is lost. */
export async function showableLink(tx: Tx, tenantId: string, linkId: string): Promise<{ id: string; label: string; token: string }> {
  const link = await getLink(tx, tenantId, linkId);
  if (!link) throw notFound();
  if (!link.token) throw linkTokenLost();
  return { ...link, token: link.token };
}

/** The poster data loadPosterData found, or the same 404/410 as showableLink. */
export function showablePoster(data: PosterData | 'gone' | null): PosterData {
  if (data === null) throw notFound();
  if (data === 'gone') throw linkTokenLost();
  return data;
}
