import 'server-only';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import { consentEvents, contactIdentities, contacts } from '@/db/schema';
import type { Tx } from '@/db';
import { prefetchedBatches } from '@/lib/db/prefetched-batches';
import { piiHash } from './pii';

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

/** What an identity check reads of one event: its commitment, the identity version it names, the contact's copy. */
export type IdentityCheckRow = {
  piiHash: string | null;
  identity: Pick<typeof contactIdentities.$inferSelect, 'id' | 'piiSalt' | 'name' | 'phoneE164' | 'email' | 'erasedAt'> | null;
  copy: { name: string | null; phoneE164: string | null; email: string | null; status: string } | null;
};

/**
 * One event's commitment against its stored identity version (verifyIdentities; the ledger auditor applies the same
 * rules to COPY text, AuditRows.identityVerdict of lib/ledger/audit-rows.ts, tested equal): 'none' (the event commits
 * to no personal data), 'ok', 'erased' (data and salt gone together, Art. 17 — not a break), or the break's reason.
 */
export function identityVerdict(row: IdentityCheckRow): 'none' | 'ok' | 'erased' | IdentityBreak['reason'] {
  if (row.piiHash === null) return 'none';
  const stored = row.identity;
  if (!stored) return 'identity_missing';
  if (!stored.piiSalt) {
    // Erased (Art. 17): data and salt are gone together, on purpose. Data without a salt is not an erasure.
    const cleared = stored.erasedAt && !stored.name && !stored.phoneE164 && !stored.email;
    return cleared ? 'erased' : 'pii';
  }
  const pii = { name: stored.name, phoneE164: stored.phoneE164, email: stored.email };
  if (piiHash(stored.piiSalt, pii) !== row.piiHash) return 'pii';
  const copy = row.copy;
  if (copy && copy.status !== 'erased' && (copy.name !== pii.name || copy.phoneE164 !== pii.phoneE164 || copy.email !== pii.email)) {
    return 'contact_copy';
  }
  return 'ok';
}

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
      const verdict = identityVerdict(row);
      if (verdict === 'erased') erased++;
      else if (verdict === 'ok') checked++;
      else if (verdict !== 'none') return { ok: false, checked, erased, firstBreak: { seq: row.seq!, eventId: row.id, reason: verdict } };
    }
  }
  return { ok: true, checked, erased, firstBreak: null };
}
