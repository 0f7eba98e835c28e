import 'server-only';
import { verifyChainIncremental } from '@/lib/consent/verify-chain';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { sealedInCheckpoints } from '@/lib/ledger/sealed-in';
import { findEventByHash } from './find-event-by-hash';

/**
 * Events a public verification recomputes at most per request (≈ 0.4 s of hashing): beyond the cached verified prefix,
 * a longer backlog is worked off over several requests, each saying how far the chain was checked.
 */
export const PUBLIC_VERIFY_MAX_EVENTS = 20_000;

/**
 * The public verification of one event: does it exist, is it sealed in a checkpoint, and does its tenant's chain
 * verify? No personal data.
 * Starts after the tenant's cached verified prefix (ledger_verifications) when that is still in the chain; the full
 * recomputation from the genesis is the dashboard's "verify chain" (and the period report), which refreshes the cache.
 */
export async function verifyEventByHash(hash: string, maxEvents = PUBLIC_VERIFY_MAX_EVENTS) {
  const event = await withSystem((tx) => findEventByHash(tx, hash));
  if (!event) return null;
  const { chain, sealedIn } = await withTenant(event.tenantId, async (tx) => ({
    chain: await verifyChainIncremental(tx, event.tenantId, maxEvents),
    sealedIn: event.seq === null ? null : ((await sealedInCheckpoints(tx, event.tenantId, [event.seq])).get(event.seq) ?? null),
  }));
  // sealedIn: "recorded" (null) until the sequencer seals the event, then the checkpoint that sealed it (issue #16).
  return { tenantName: event.tenantName, seq: event.seq, type: event.type, occurredAt: event.occurredAt, chain, sealedIn };
}
