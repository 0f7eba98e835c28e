import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { isLogoType } from './logo';
import { slugSchema } from './schemas';

/**
 * The logo of the tenant with this slug, for the public consent page: a system query (public, no tenant yet).
 * Null when the slug is malformed or unknown, or the tenant has no (servable) logo.
 */
export async function getLogoBySlug(tx: Tx, slug: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return null;
  const [t] = await tx
    .select({ logoBase64: tenants.logoBase64, logoContentType: tenants.logoContentType })
    .from(tenants)
    .where(eq(tenants.slug, parsed.data));
  if (!t?.logoBase64 || !isLogoType(t.logoContentType)) return null;
  return { bytes: Buffer.from(t.logoBase64, 'base64'), contentType: t.logoContentType };
}
