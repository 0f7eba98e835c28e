import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { consentEvents } from '@/db/schema';
import type { Tx } from '@/db';
import { appUrl } from '@/lib/config';
import { DomainError } from '@/lib/errors';
import { loadController } from './load-controller';
import { loadContact, loadContactEvents, loadEvent, loadNoticeVersions } from './load-events';
import { loadReceiptLedger } from './receipt-ledger';
import type { EvidenceEvent, ReceiptData } from './types';

/** The public verify page of an event. */
export function verifyUrlOf(hash: string): string {
  return `${appUrl()}/verify/${hash}`;
}

/**
 * Everything a receipt of one ledger event shows: controller, contact, the event with all its chained fields, the
 * notice text shown, and the contact's other events. "Not found" for an event that is not the tenant's.
 * `asMailed`: the receipt as the event's mail carries it — dated when the mail was queued and listing the contact's
 * events up to this one — so composing it again (a retry after a crash mid-send) gives the same document. A sealed
 * event's receipt carries its inclusion proof against the checkpoint that sealed it (`ledger`, issue #16).
 */
export async function gatherReceipt(tx: Tx, tenantId: string, eventId: string, asMailed?: { queuedAt: Date }): Promise<ReceiptData> {
  const event = await loadEvent(tx, tenantId, eventId);
  if (!event) throw new DomainError('notFound', 404);
  const [controller, contact, contactEvents] = [
    await loadController(tx, tenantId),
    await loadContact(tx, tenantId, event.contactId, event.identityId),
    await loadContactEvents(tx, tenantId, event.contactId).then((all) => (asMailed ? all.filter((e) => seqOrder(e) <= seqOrder(event)) : all)),
  ];
  // A confirmation or withdrawal carries no notice: show the one of the latest consent before it.
  const source: EvidenceEvent | undefined = event.noticeVersionId
    ? event
    : contactEvents.filter((e) => seqOrder(e) < seqOrder(event) && e.noticeVersionId && e.type === 'opt_in').at(-1);
  const [notice] = source?.noticeVersionId ? await loadNoticeVersions(tx, tenantId, [source.noticeVersionId]) : [];
  const ledger = event.seq === null ? null : await loadReceiptLedger(tx, tenantId, event.id);
  return {
    controller,
    contactId: event.contactId,
    contact,
    event,
    notice: notice ?? null,
    noticeFromSeq: source && source !== event ? source.seq : null,
    contactEvents,
    verifyUrl: verifyUrlOf(event.hash),
    generatedAt: asMailed?.queuedAt ?? new Date(),
    ledger,
  };
}

/** The id of a contact's latest event (the receipt the contact downloads from the personal page), or "not found". */
export async function latestEventId(tx: Tx, tenantId: string, contactId: string): Promise<string> {
  const [row] = await tx
    .select({ id: consentEvents.id })
    .from(consentEvents)
    .where(and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.contactId, contactId)))
    .orderBy(desc(consentEvents.seq), desc(consentEvents.occurredAt)) // unsealed (NULLS FIRST) = newest
    .limit(1);
  if (!row) throw new DomainError('notFound', 404);
  return row.id;
}

/** An event's place in the log; one recorded but not yet sealed comes after every sealed one. */
const seqOrder = (e: { seq: number | null }) => e.seq ?? Number.MAX_SAFE_INTEGER;
