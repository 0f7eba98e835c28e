import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { publicTenantColumns } from '@/lib/links/resolve-link';
import { SLUG_PATTERN } from '@/lib/tenants/schemas';
import type { Locale } from '@/lib/i18n/locales';
import { retryOnIdempotencyRace } from './append-event';
import { eraseContact } from './erase';
import { findContactByToken } from './find-contact';

/**
 * The contact erases their own data from their personal page (GDPR Art. 17). The personal token is the capability and
 * names exactly one contact: only that contact is erased, never other submissions with the same number or e-mail
 * (those are the DPO's call, who can check who holds them). Returns the tenant's slug for the "erased" page: the
 * token itself stops working with the erasure.
 */
export async function eraseByPersonalToken(a: { slug: string; token: string; idempotencyKey: string; language: Locale; ip: string | null; userAgent: string | null }): Promise<{ slug: string }> {
  const found = await withSystem((tx) => findContactByToken(tx, a.slug, a.token, 'contact'));
  const input = { tenantId: found.tenant.id, contactId: found.contact.id, idempotencyKey: a.idempotencyKey, language: a.language, ip: a.ip, userAgent: a.userAgent };
  await retryOnIdempotencyRace(() => withTenant(found.tenant.id, (tx) => eraseContact(tx, input)));
  return { slug: found.tenant.slug };
}

/** The tenant's public face for the "erased" page (system query by slug); unknown → 404. */
export async function loadPublicTenant(slug: string) {
  if (!SLUG_PATTERN.test(slug)) throw new DomainError('notFound', 404);
  const [tenant] = await withSystem((tx) => tx.select(publicTenantColumns).from(tenants).where(eq(tenants.slug, slug)));
  if (!tenant) throw new DomainError('notFound', 404);
  return tenant;
}
