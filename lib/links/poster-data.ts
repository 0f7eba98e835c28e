import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { getLink } from './get-link';
import { inviteUrl } from './link-url';
import { qrPng } from './qr';

export const POSTER_SIZES = ['A4', 'A6'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

export type PosterData = {
  company: string;
  /** PNG or JPEG data URL (react-pdf embeds no WebP); null without a printable logo. */
  logo: string | null;
  url: string;
  /** The URL without its scheme, for typing. */
  typedUrl: string;
  /** The QR code as a 1200 px PNG (sharp at 300 dpi up to 10 cm). */
  qrPng: Buffer;
};

/**
 * What the counter poster of one invite link shows. Null for an unknown link; 'gone' for a link whose token cannot be
 * shown again (the QR route answers 410 for those too).
 */
export async function loadPosterData(tx: Tx, ctx: { tenantId: string; tenantSlug: string }, linkId: string): Promise<PosterData | 'gone' | null> {
  const link = await getLink(tx, ctx.tenantId, linkId);
  if (!link) return null;
  if (!link.token) return 'gone';
  const [t] = await tx
    .select({ name: tenants.name, legalName: tenants.legalName, logoBase64: tenants.logoBase64, logoContentType: tenants.logoContentType })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  const url = inviteUrl(ctx.tenantSlug, link.token);
  const printable = t?.logoBase64 && (t.logoContentType === 'image/png' || t.logoContentType === 'image/jpeg');
  return {
    company: t?.name ?? ctx.tenantSlug,
    logo: printable ? `data:${t.logoContentType};base64,${t.logoBase64}` : null,
    url,
    typedUrl: url.replace(/^https?:\/\//, ''),
    qrPng: await qrPng(url, 1200),
  };
}
