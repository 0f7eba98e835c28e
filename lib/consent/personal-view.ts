import 'server-only';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { linkTokenOf } from '@/lib/links/link-token';
import { contactEvents, findContactByToken, lastLinkOf } from './find-contact';

/**
 * What the contact's personal page shows: the tenant's public face, the contact's current state, its events, and
 * the token of the link of its latest decision (to opt in again after a withdrawal). Unknown token → 404 DomainError.
 */
export async function loadPersonalView(slug: string, token: string) {
  const { tenant, contact } = await withSystem((tx) => findContactByToken(tx, slug, token, 'contact'));
  const { events, linkToken } = await withTenant(tenant.id, async (tx) => {
    const linkId = await lastLinkOf(tx, tenant.id, contact.id);
    return { events: await contactEvents(tx, tenant.id, contact.id), linkToken: linkId ? await linkTokenOf(tx, tenant.id, linkId) : null };
  });
  return {
    tenant,
    contact: { id: contact.id, status: contact.status, statusAt: contact.statusAt },
    events: events.map((e) => ({ id: e.id, type: e.type, occurredAt: e.occurredAt })),
    linkToken,
  };
}
export type PersonalView = Awaited<ReturnType<typeof loadPersonalView>>;

/** The double opt-in confirmation page's tenant, for a valid confirmation token (else a 404 DomainError). */
export async function loadConfirmView(slug: string, token: string) {
  const { tenant, contact } = await withSystem((tx) => findContactByToken(tx, slug, token, 'confirm'));
  return { tenant, contact: { id: contact.id, status: contact.status } };
}
