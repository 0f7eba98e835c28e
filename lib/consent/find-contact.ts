import 'server-only';
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { consentEvents, contacts, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { DomainError } from '@/lib/errors';
import { publicTenantColumns } from '@/lib/links/resolve-link';
import { TOKEN_PATTERN, tokenHash } from '@/lib/links/token';
import { SLUG_PATTERN } from '@/lib/tenants/schemas';

/**
 * Resolves a contact's personal token (withdraw/receipt page) or a double opt-in token to the contact and its
 * tenant. System query: the token is what tells us the tenant. Unknown, malformed or mismatched → 404.
 */
export async function findContactByToken(tx: Tx, slug: string, token: string, kind: 'contact' | 'confirm') {
  if (!TOKEN_PATTERN.test(token) || !SLUG_PATTERN.test(slug)) throw new DomainError('notFound', 404);
  const column = kind === 'contact' ? contacts.withdrawTokenHash : contacts.confirmTokenHash;
  const [row] = await tx
    .select({ contact: contacts, tenant: publicTenantColumns })
    .from(contacts)
    .innerJoin(tenants, eq(tenants.id, contacts.tenantId))
    .where(and(eq(column, tokenHash(token)), eq(tenants.slug, slug)));
  if (!row) throw new DomainError('notFound', 404);
  return row;
}

/** A contact's events, oldest first (personal page, contact detail, history PDF). */
export async function contactEvents(tx: Tx, tenantId: string, contactId: string) {
  return tx
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.contactId, contactId)))
    // Sealed events by seq; not yet sealed ones (seq null: NULLS LAST in ascending order) are the newest, by time.
    .orderBy(asc(consentEvents.seq), asc(consentEvents.occurredAt));
}

/** The link of the contact's latest decision, to offer a way back in after a withdrawal. */
export async function lastLinkOf(tx: Tx, tenantId: string, contactId: string): Promise<string | null> {
  const [row] = await tx
    .select({ linkId: consentEvents.linkId })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.contactId, contactId), isNotNull(consentEvents.linkId)))
    .orderBy(desc(consentEvents.seq), desc(consentEvents.occurredAt)) // unsealed (NULLS FIRST) = newest
    .limit(1);
  return row?.linkId ?? null;
}
