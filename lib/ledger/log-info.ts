import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ledgerTrees } from '@/db/schema';
import type { Tx } from '@/db';
import { pipelined } from '@/lib/db/pipelined';
import { decodeBase64 } from './tlog/hash';
import { latestCheckpoint, originFor } from './log-store';
import { ledgerSigner } from './signing';

export type LedgerLogInfo = {
  origin: string;
  /** The current verifier key (C2SP signed-note form), its name, key id and a SHA-256 fingerprint of the public key. */
  key: { vkey: string; name: string; keyId: string; fingerprint: string };
  /** The latest signed checkpoint (size, when), or null before the first seal. */
  checkpoint: { size: number; createdAt: Date; note: string } | null;
};

/** SHA-256 of the typed public key (0x01 ‖ Ed25519 key), hex in groups of four: to compare the key by eye or phone. */
export function keyFingerprint(vkey: string): string {
  const key = decodeBase64(vkey.split('+').slice(2).join('+'));
  if (!key) throw new Error('malformed verifier key');
  return createHash('sha256').update(key).digest('hex').match(/.{4}/g)!.join(' ');
}

/** What the dashboard shows of the tenant's transparency log (issue #16): origin, public key, latest checkpoint. */
export async function ledgerLogInfo(tx: Tx, tenantId: string): Promise<LedgerLogInfo> {
  const [[tree], checkpoint] = await pipelined([
    tx.select({ origin: ledgerTrees.origin }).from(ledgerTrees).where(eq(ledgerTrees.tenantId, tenantId)),
    latestCheckpoint(tx, tenantId),
  ]);
  const signer = ledgerSigner();
  return {
    origin: tree?.origin ?? originFor(tenantId),
    key: { vkey: signer.vkey, name: signer.name, keyId: signer.keyIdHex, fingerprint: keyFingerprint(signer.vkey) },
    checkpoint,
  };
}
