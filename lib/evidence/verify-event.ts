import { verifyChain } from '@/lib/consent/verify-chain';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { findEventByHash } from './find-event-by-hash';

/** The public verification of one event: does it exist, and does its tenant's chain verify? No personal data. */
export async function verifyEventByHash(hash: string) {
  const event = await withSystem((tx) => findEventByHash(tx, hash));
  if (!event) return null;
  const chain = await withTenant(event.tenantId, (tx) => verifyChain(tx, event.tenantId));
  return { tenantName: event.tenantName, seq: event.seq, type: event.type, occurredAt: event.occurredAt, chain };
}
