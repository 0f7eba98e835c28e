import 'server-only';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { findContactByToken } from '@/lib/consent/find-contact';
import { gatherReceipt, latestEventId } from './receipt-data';

/** The receipt of a contact's latest event, found through their personal token (the public receipt download). */
export async function receiptForContactToken(slug: string, token: string) {
  const { tenant, contact } = await withSystem((tx) => findContactByToken(tx, slug, token, 'contact'));
  return withTenant(tenant.id, async (tx) => gatherReceipt(tx, tenant.id, await latestEventId(tx, tenant.id, contact.id)));
}
