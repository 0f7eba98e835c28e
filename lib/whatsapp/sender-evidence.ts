import 'server-only';
import { randomBytes } from 'node:crypto';
import { consentEventSenders } from '@/db/schema';
import type { Tx } from '@/db';
import { canonicalJson } from '@/lib/canonical-json';
import { sha256Hex } from '@/lib/crypto';

export type Sender = { waId: string | null; userId: string | null };

/** SHA-256(salt ‖ canonical(waId, userId)): the commitment an event's hash covers (canon v2, evidenceSenderHash). */
export function senderHash(salt: string, s: Sender): string {
  return sha256Hex(salt + canonicalJson({ waId: s.waId, userId: s.userId }));
}

/**
 * The sender of the WhatsApp message a ledger event rests on, as evidence: a fresh salt, the commitment to put into
 * the event (`hash` → evidenceSenderHash) and the erasable row that keeps the sender itself (`insert`, in the event's
 * transaction; its foreign key to the event is checked at commit, so it may be written before or beside the event).
 */
export function senderEvidence(s: Sender) {
  const salt = randomBytes(16).toString('hex');
  const hash = senderHash(salt, s);
  return {
    hash,
    insert: (tx: Tx, tenantId: string, eventId: string) => tx.insert(consentEventSenders).values({ tenantId, eventId, waId: s.waId, userId: s.userId, salt }),
  };
}
