import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { sha256Hex } from '@/lib/crypto';
import { DomainError } from '@/lib/errors';

/** The company profile of the tenant; the logo only as metadata (type, size, a version for cache busting). */
export async function getProfile(tx: Tx, tenantId: string) {
  const [t] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!t) throw new DomainError('notFound', 404);
  const { logoBase64, logoContentType, ...profile } = t;
  return {
    ...profile,
    logo: logoBase64
      ? { contentType: logoContentType, bytes: Buffer.byteLength(logoBase64, 'base64'), version: sha256Hex(logoBase64).slice(0, 12) }
      : null,
  };
}
export type Profile = Awaited<ReturnType<typeof getProfile>>;
