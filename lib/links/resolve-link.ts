import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { inviteLinks, tenants, whatsappConnections } from '@/db/schema';
import type { Db, Tx } from '@/db';
import { DomainError } from '@/lib/errors';
import { linkStatus } from './link-status';
import { SLUG_PATTERN } from '@/lib/tenants/schemas';
import { TOKEN_PATTERN, tokenHash } from './token';

/** The public face of a tenant: what a consent page may show about the company. */
export const publicTenantColumns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  legalName: tenants.legalName,
  address: tenants.address,
  controllerRepresentative: tenants.controllerRepresentative,
  dpoName: tenants.dpoName,
  dpoEmail: tenants.dpoEmail,
  impressumUrl: tenants.impressumUrl,
  contactPhone: tenants.contactPhone,
  brandColor: tenants.brandColor,
  hasLogo: sql<boolean>`${tenants.logoBase64} is not null`,
  doubleOptIn: tenants.doubleOptIn,
  // A connected WhatsApp number: double opt-in can then confirm by a code sent from the phone (issue #17), no e-mail needed.
  whatsappConnected: sql<boolean>`exists (select 1 from ${whatsappConnections} where ${whatsappConnections.tenantId} = ${tenants.id})`,
  evidenceEmail: tenants.evidenceEmail,
  evidenceDelivery: tenants.evidenceDelivery,
};

/**
 * Resolves `/c/<slug>/<token>` to its link and tenant (system query: the tenant is what we are finding out).
 * Unknown tokens, malformed tokens and a slug that is not the link's tenant all answer the same 404.
 */
export async function resolveInviteLink(tx: Tx | Db, slug: string, token: string) {
  // Both checked before the query: a slug from the URL may hold anything, a NUL byte included (PostgreSQL: 22021).
  if (!TOKEN_PATTERN.test(token) || !SLUG_PATTERN.test(slug)) throw new DomainError('linkNotFound', 404);
  const [row] = await tx
    .select({ link: inviteLinks, tenant: publicTenantColumns })
    .from(inviteLinks)
    .innerJoin(tenants, eq(tenants.id, inviteLinks.tenantId))
    .where(and(eq(inviteLinks.tokenHash, tokenHash(token)), eq(tenants.slug, slug)));
  if (!row) throw new DomainError('linkNotFound', 404);
  return { ...row, status: linkStatus(row.link) };
}

export type ResolvedLink = Awaited<ReturnType<typeof resolveInviteLink>>;
export type PublicTenant = ResolvedLink['tenant'];
