import 'server-only';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import { consentEvents, contactIdentities, contacts } from '@/db/schema';
import type { Tx } from '@/db';
import { prefetchedBatches } from '@/lib/db/prefetched-batches';
import { commitmentOf, storedIdentity } from './identity';

/**
 * Why an event's personal data no longer matches what it committed to:
 * - `pii`: the stored identity version (data or salt) no longer hashes to the event's pii_hash.
 * - `identity_missing`: the event commits to personal data but names no identity version, or one that is gone.
 * - `contact_copy`: the contact's searchable copy of its data (contacts row) differs from its identity version, so
 *   the dashboard would show data no event recorded.
 * Erased data is not a break: the version says when it was erased, and its events are counted as `erased`.
 */
export type IdentityBreak = { seq: number; eventId: string; reason: 'pii' | 'identity_missing' | 'contact_copy' };
export type IdentityVerification = { ok: boolean; checked: number; erased: number; firstBreak: IdentityBreak | null };

/**
 * Recomputes every event's pii_hash from the identity version it names (data + salt), in seq order and batches, and
 * reports the first event whose data no longer matches. Runs in the tenant's transaction like verifyChain.
 */
export async function verifyIdentities(tx: Tx, tenantId: string, opts: { afterSeq?: number; batchSize?: number } = {}): Promise<IdentityVerification> {
  const { afterSeq = 0, batchSize = 2000 } = opts;
  let checked = 0;
  let erased = 0;
  const batches = prefetchedBatches(
    (after: number | null) =>
      tx
        .select({
          seq: consentEvents.seq,
          id: consentEvents.id,
          piiHash: consentEvents.piiHash,
          identityId: consentEvents.identityId,
          identity: contactIdentities,
          copy: { name: contacts.name, phoneE164: contacts.phoneE164, email: contacts.email, status: contacts.status },
        })
        .from(consentEvents)
        .leftJoin(contactIdentities, and(eq(contactIdentities.tenantId, consentEvents.tenantId), eq(contactIdentities.id, consentEvents.identityId)))
        .leftJoin(contacts, and(eq(contacts.tenantId, consentEvents.tenantId), eq(contacts.id, consentEvents.contactId)))
        .where(and(eq(consentEvents.tenantId, tenantId), isNotNull(consentEvents.piiHash), gt(consentEvents.seq, after ?? afterSeq)))
        .orderBy(asc(consentEvents.seq))
        .limit(batchSize)
        .execute(),
    (last) => last.seq!, // sealed events only (seq > n)
    batchSize,
  );
  for await (const rows of batches) {
    for (const row of rows) {
      const at = { seq: row.seq!, eventId: row.id };
      if (!row.identity) return { ok: false, checked, erased, firstBreak: { ...at, reason: 'identity_missing' } };
      const identity = storedIdentity(row.identity);
      if (!identity) {
        // Erased (Art. 17): data and salt are gone together, on purpose. Data without a salt is not an erasure.
        const cleared = row.identity.erasedAt && !row.identity.name && !row.identity.phoneE164 && !row.identity.email;
        if (!cleared) return { ok: false, checked, erased, firstBreak: { ...at, reason: 'pii' } };
        erased++;
        continue;
      }
      if (commitmentOf(identity).piiHash !== row.piiHash) return { ok: false, checked, erased, firstBreak: { ...at, reason: 'pii' } };
      const copy = row.copy;
      if (copy && copy.status !== 'erased' && (copy.name !== identity.pii.name || copy.phoneE164 !== identity.pii.phoneE164 || copy.email !== identity.pii.email)) {
        return { ok: false, checked, erased, firstBreak: { ...at, reason: 'contact_copy' } };
      }
      checked++;
    }
  }
  return { ok: true, checked, erased, firstBreak: null };
}
