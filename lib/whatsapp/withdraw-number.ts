import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { contacts, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { appendEvent, newEventId } from '@/lib/consent/append-event';
import { contactTokenHash, setContactStatus } from '@/lib/consent/contact-state';
import { enqueueEvidenceMails } from '@/lib/consent/enqueue-evidence';
import { commitmentOf, insertIdentity, latestIdentity, newIdentity } from '@/lib/consent/identity';
import { pipelined } from '@/lib/db/pipelined';
import type { Locale } from '@/lib/i18n/locales';
import { senderEvidence } from './sender-evidence';

/** The WhatsApp message a decision rests on. */
export type MessageEvidence = {
  tenantId: string;
  /** message id (wamid…), or for a user preference / send failure the inbox key */
  messageId: string;
  waId: string;
  userId: string | null;
  occurredAt: Date;
  /** keyword | button | user_preferences | error_131050 */
  kind: string;
};

export type WithdrawOutcome = {
  /** Events appended: withdrawn per contact with current consent, or one opt_out for a number never seen. */
  events: { contactId: string; eventId: string; type: 'withdrawn' | 'opt_out' }[];
  /** Contacts whose state changed after the message was written: left alone (a later decision wins). */
  stale: string[];
  /** The contact to address the reply to (its language and personal link). */
  contact: { id: string; language: Locale } | null;
};

const CURRENT = ['opted_in', 'pending'] as const;

/**
 * A withdrawal by WhatsApp (keyword, quick-reply button, marketing stop, 131050): appends `withdrawn` for every
 * contact of the sender's number that currently has consent, or an `opt_out` when the ledger never saw the number —
 * the company must be able to prove it honoured the request. Each event carries channel whatsapp, the message id and
 * time and a salted commitment to the sender (canon v2); effective at once; receipt mails queued like any decision.
 * A contact whose state changed after the message (delivered late, out of order) is not touched.
 */
export async function withdrawNumber(tx: Tx, m: MessageEvidence): Promise<WithdrawOutcome> {
  const phone = `+${m.waId}`;
  const [rows, [tenant]] = await pipelined([
    tx
      .select({ id: contacts.id, status: contacts.status, statusAt: contacts.statusAt, language: contacts.language, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.tenantId, m.tenantId), eq(contacts.phoneE164, phone)))
      .orderBy(asc(contacts.createdAt))
      .for('update'),
    tx.select({ evidenceEmail: tenants.evidenceEmail, evidenceDelivery: tenants.evidenceDelivery }).from(tenants).where(eq(tenants.id, m.tenantId)),
  ]);
  const out: WithdrawOutcome = { events: [], stale: [], contact: rows[0] ? { id: rows[0].id, language: rows[0].language } : null };
  if (rows.length === 0) {
    out.events.push(await optOutUnknown(tx, m, tenant));
    out.contact = { id: out.events[0]!.contactId, language: 'de' };
    return out;
  }
  for (const c of rows) {
    if (!(CURRENT as readonly string[]).includes(c.status)) continue;
    // WhatsApp times are whole seconds: only a decision in a later second than the message is newer than it (in the
    // same second, the withdrawal is honoured).
    if (c.statusAt.getTime() >= m.occurredAt.getTime() + 1000) {
      out.stale.push(c.id);
      continue;
    }
    const eventId = newEventId();
    const identity = await latestIdentity(tx, m.tenantId, c.id);
    await enqueueEvidenceMails(tx, { tenantId: m.tenantId, eventId, evidenceEmail: tenant?.evidenceEmail, evidenceDelivery: tenant?.evidenceDelivery, contactEmail: c.email, contactStatus: 'withdrawn' });
    await appendWithEvidence(tx, m, { eventId, contactId: c.id, type: 'withdrawn', language: c.language, commitment: commitmentOf(identity) }, (at) =>
      setContactStatus(tx, { tenantId: m.tenantId, id: c.id }, 'withdrawn', at),
    );
    out.events.push({ contactId: c.id, eventId, type: 'withdrawn' });
    out.contact = { id: c.id, language: c.language };
  }
  return out;
}

/** A number the ledger never saw: a contact holding only the number, refused (`opt_out`), with the message as evidence. */
async function optOutUnknown(tx: Tx, m: MessageEvidence, tenant: { evidenceEmail: string | null; evidenceDelivery: 'each' | 'hourly' | 'daily' } | undefined) {
  const contactId = randomUUID();
  const eventId = newEventId();
  const identity = newIdentity({ name: null, phoneE164: `+${m.waId}`, email: null });
  await tx.insert(contacts).values({ tenantId: m.tenantId, id: contactId, phoneE164: `+${m.waId}`, status: 'opted_out', language: 'de', withdrawTokenHash: contactTokenHash(contactId) });
  await pipelined([
    identity && insertIdentity(tx, m.tenantId, contactId, identity),
    enqueueEvidenceMails(tx, { tenantId: m.tenantId, eventId, evidenceEmail: tenant?.evidenceEmail, evidenceDelivery: tenant?.evidenceDelivery, contactEmail: null, contactStatus: 'opted_out' }),
  ]);
  await appendWithEvidence(tx, m, { eventId, contactId, type: 'opt_out', language: 'de', commitment: commitmentOf(identity) }, (at) =>
    setContactStatus(tx, { tenantId: m.tenantId, id: contactId }, 'opted_out', at),
  );
  return { contactId, eventId, type: 'opt_out' as const };
}

async function appendWithEvidence(
  tx: Tx,
  m: MessageEvidence,
  e: { eventId: string; contactId: string; type: 'withdrawn' | 'opt_out'; language: Locale; commitment: ReturnType<typeof commitmentOf> },
  alongside: (at: Date) => Promise<unknown>,
) {
  const sender = senderEvidence({ waId: m.waId, userId: m.userId });
  return appendEvent(
    tx,
    {
      id: e.eventId,
      tenantId: m.tenantId,
      type: e.type,
      contactId: e.contactId,
      noticeVersionId: null,
      noticeHash: null,
      linkId: null,
      channel: 'whatsapp',
      language: e.language,
      ipTruncated: null,
      userAgent: null,
      // One event per contact and message, however often the message is delivered or processed.
      idempotencyKey: e.type === 'opt_out' ? `wa:${m.messageId}:opt_out` : `wa:${m.messageId}:${e.contactId}`,
      ...e.commitment,
      evidenceChannel: 'whatsapp',
      evidenceKind: m.kind,
      evidenceMessageId: m.messageId,
      evidenceMessageAt: m.occurredAt,
      evidenceSenderHash: sender.hash,
    },
    (at) => pipelined([alongside(at), sender.insert(tx, m.tenantId, e.eventId)]),
  );
}
