import 'server-only';
import { eq } from 'drizzle-orm';
import { consentEvents } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { receiptProofFor } from '@/lib/ledger/log-store';
import type { ReceiptProof } from '@/lib/ledger/tlog/receipt-proof';

/**
 * The proof of inclusion of the event with this hash against its tenant's latest signed checkpoint (the public verify
 * page's download; `npm run verify -- proof.json --pubkey KEY`). Null when no event has the hash or it is not sealed
 * yet. The entry holds no personal data (a salted commitment at most). System query: the hash names the tenant.
 */
export async function proofForEventHash(hash: string): Promise<ReceiptProof | null> {
  const [row] = await withSystem((tx) => tx.select().from(consentEvents).where(eq(consentEvents.hash, hash)));
  if (!row || row.seq === null) return null;
  return withTenant(row.tenantId, (tx) => receiptProofFor(tx, row));
}
