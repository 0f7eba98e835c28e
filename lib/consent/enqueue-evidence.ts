import 'server-only';
import type { Tx } from '@/db';
import { enqueueMail } from '@/lib/mail/enqueue';
import type { ContactStatus } from './types';

/** Deferred mail kinds: the worker renders receipt PDF and text at send time (lib/mail/compose.ts). */
export const EVIDENCE_MAIL = 'evidence_receipt';
export const CONTACT_MAIL = 'contact_receipt';

/**
 * Queues the evidence for one ledger event in the event's own transaction: the receipt to the tenant's evidence
 * address, and the contact's copy when they gave an e-mail (not while a double opt-in is still pending — they get
 * the confirmation mail then, and the receipt once confirmed). A tenant with an hourly or daily digest
 * (`evidenceDelivery`) gets no mail per decision: the digest job (lib/evidence/digest.ts) sends them together.
 */
export async function enqueueEvidenceMails(
  tx: Tx,
  p: {
    tenantId: string;
    eventId: string;
    evidenceEmail: string | null | undefined;
    evidenceDelivery: 'each' | 'hourly' | 'daily' | undefined;
    contactEmail: string | null;
    contactStatus: ContactStatus;
  },
) {
  // Held until the sequencer seals the event, so the receipt carries its inclusion proof (lib/ledger/sequencer.ts).
  const deferred = { subject: '', html: '', text: '', tenantId: p.tenantId, relatedId: p.eventId, heldUntilSealed: true };
  if (p.evidenceEmail && (p.evidenceDelivery ?? 'each') === 'each') await enqueueMail(tx, { ...deferred, kind: EVIDENCE_MAIL, to: p.evidenceEmail });
  if (p.contactEmail && p.contactStatus !== 'pending') await enqueueMail(tx, { ...deferred, kind: CONTACT_MAIL, to: p.contactEmail });
}
