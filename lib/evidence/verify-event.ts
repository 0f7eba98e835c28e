import 'server-only';
import { verifyChainIncremental } from '@/lib/consent/verify-chain';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { findEventByHash } from './find-event-by-hash';

/**
 * Events a public verification recomputes at most per request (≈ 0.4 s of hashing): beyond the cached verified prefix,
 * a longer backlog is worked off over several requests, each saying how far the chain was checked.
 */
export const PUBLIC_VERIFY_MAX_EVENTS = 20_000;

/**
 * The public verification of one event: does it exist, and does its tenant's chain verify? No personal data.
 * Starts after the tenant's cached verified prefix (ledger_verifications) when that is still in the chain; the full
 * recomputation from the genesis is the dashboard's "verify chain" (and the period report), which refreshes the cache.
 */
export async function verifyEventByHash(hash: string, maxEvents = PUBLIC_VERIFY_MAX_EVENTS) {
  const event = await withSystem((tx) => findEventByHash(tx, hash));
  if (!event) return null;
  const chain = await withTenant(event.tenantId, (tx) => verifyChainIncremental(tx, event.tenantId, maxEvents));
  return { tenantName: event.tenantName, seq: event.seq, type: event.type, occurredAt: event.occurredAt, chain };
}
