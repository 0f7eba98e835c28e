import 'server-only';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { sealedInCheckpoints } from '@/lib/ledger/sealed-in';
import { linkTokenOf } from '@/lib/links/link-token';
import { contactEvents, findContactByToken, lastLinkOf } from './find-contact';

/**
 * What the contact's personal page shows: the tenant's public face, the contact's current state, its events, and
 * the token of the link of its latest decision (to opt in again after a withdrawal). Unknown token → 404 DomainError.
 * Each event says whether it is only recorded or already sealed in a signed checkpoint of the tenant's log.
 */
export async function loadPersonalView(slug: string, token: string) {
  const { tenant, contact } = await withSystem((tx) => findContactByToken(tx, slug, token, 'contact'));
  const { events, linkToken, sealed } = await withTenant(tenant.id, async (tx) => {
    const linkId = await lastLinkOf(tx, tenant.id, contact.id);
    const events = await contactEvents(tx, tenant.id, contact.id);
    const sealed = await sealedInCheckpoints(tx, tenant.id, events.map((e) => e.seq));
    return { events, sealed, linkToken: linkId ? await linkTokenOf(tx, tenant.id, linkId) : null };
  });
  return {
    tenant,
    contact: { id: contact.id, status: contact.status, statusAt: contact.statusAt },
    // "recorded" (sealedIn null) until the sequencer seals the event, then "sealed in checkpoint N" (issue #16).
    events: events.map((e) => ({ id: e.id, type: e.type, occurredAt: e.occurredAt, sealedIn: e.seq === null ? null : (sealed.get(e.seq) ?? null) })),
    linkToken,
  };
}
export type PersonalView = Awaited<ReturnType<typeof loadPersonalView>>;

/** The double opt-in confirmation page's tenant, for a valid confirmation token (else a 404 DomainError). */
export async function loadConfirmView(slug: string, token: string) {
  const { tenant, contact } = await withSystem((tx) => findContactByToken(tx, slug, token, 'confirm'));
  return { tenant, contact: { id: contact.id, status: contact.status } };
}
