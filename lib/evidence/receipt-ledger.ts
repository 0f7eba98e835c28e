import 'server-only';
import { and, eq } from 'drizzle-orm';
import { consentEvents } from '@/db/schema';
import type { Tx } from '@/db';
import { receiptProofFor, sealingCheckpoint } from '@/lib/ledger/log-store';
import { ledgerSigner } from '@/lib/ledger/signing';
import { parseCheckpoint } from '@/lib/ledger/tlog/checkpoint';
import { encodeBase64 } from '@/lib/ledger/tlog/hash';
import type { ReceiptLedger } from './types';

/** The body of a signed note (its text before the blank line that starts the signatures). */
export function checkpointBody(signed: string): ReturnType<typeof parseCheckpoint> {
  const end = signed.indexOf('\n\n');
  return parseCheckpoint(end < 0 ? signed : signed.slice(0, end + 1));
}

/**
 * The log facts a receipt prints for a sealed event: the checkpoint that first covered it ("sealed in checkpoint N",
 * N its tree size) and the event's inclusion proof against exactly that checkpoint — so a receipt composed again (a
 * mail retried after a crash) carries the same bytes. Null while the event is only recorded (seq null).
 */
export async function loadReceiptLedger(tx: Tx, tenantId: string, eventId: string): Promise<ReceiptLedger | null> {
  const [row] = await tx
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.id, eventId)));
  if (!row || row.seq === null) return null;
  const sealing = await sealingCheckpoint(tx, tenantId, row.seq - 1);
  if (!sealing) return null;
  const proof = await receiptProofFor(tx, row, sealing.size);
  if (!proof) return null;
  const body = checkpointBody(sealing.note);
  return {
    proof,
    checkpointSize: body.size,
    origin: body.origin,
    rootHash: encodeBase64(body.root),
    index: proof.index,
    verifierKey: proof.verifierKey ?? ledgerSigner().vkey,
    sealedAt: sealing.createdAt,
  };
}
