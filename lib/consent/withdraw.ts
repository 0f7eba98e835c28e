import 'server-only';
import { and, eq } from 'drizzle-orm';
import { contacts, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { pipelined } from '@/lib/db/pipelined';
import { DomainError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { appendEvent, findByIdempotencyKey, newEventId } from './append-event';
import { setContactStatus } from './contact-state';
import { enqueueEvidenceMails } from './enqueue-evidence';
import { commitmentOf, latestIdentity } from './identity';
import type { ContactStatus, EventType } from './types';

type StateChange = {
  tenantId: string;
  contactId: string;
  idempotencyKey: string;
  language: Locale;
  ip: string | null;
  userAgent: string | null;
};

async function changeState(tx: Tx, input: StateChange, type: EventType, from: ContactStatus[], to: ContactStatus, refusal: string) {
  const [contact] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, input.tenantId), eq(contacts.id, input.contactId)));
  if (!contact) throw new DomainError('notFound', 404);
  const earlier = await findByIdempotencyKey(tx, input.tenantId, input.idempotencyKey);
  if (earlier) return { eventId: earlier.id, status: contact.status, replayed: true };
  // The row lock keeps two changes of one contact (two tabs) from both passing this check.
  const [locked] = await tx
    .select({ status: contacts.status })
    .from(contacts)
    .where(and(eq(contacts.tenantId, input.tenantId), eq(contacts.id, input.contactId)))
    .for('update');
  if (!from.includes(locked!.status)) throw new DomainError(refusal, 409);
  const eventId = newEventId();
  const [[tenant], identity] = await pipelined([
    tx.select({ evidenceEmail: tenants.evidenceEmail, evidenceDelivery: tenants.evidenceDelivery }).from(tenants).where(eq(tenants.id, input.tenantId)),
    latestIdentity(tx, input.tenantId, contact.id),
  ]);
  await enqueueEvidenceMails(tx, { tenantId: input.tenantId, eventId, evidenceEmail: tenant?.evidenceEmail, evidenceDelivery: tenant?.evidenceDelivery, contactEmail: contact.email, contactStatus: to });
  await appendEvent(
    tx,
    {
      id: eventId,
      tenantId: input.tenantId,
      type,
      contactId: contact.id,
      noticeVersionId: null,
      noticeHash: null,
      linkId: null,
      channel: 'whatsapp',
      language: input.language,
      ipTruncated: input.ip,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
      idempotencyKey: input.idempotencyKey,
      // The same identity version the contact's own submission recorded: a state change adds no new personal data.
      ...commitmentOf(identity),
    },
    (at) => setContactStatus(tx, { tenantId: input.tenantId, id: contact.id }, to, at, type === 'confirmed' ? { confirmTokenHash: null } : {}),
  );
  return { eventId, status: to, replayed: false };
}

/** Withdraws a consent (personal link, or the dashboard on the contact's request): appends `withdrawn`. */
export function withdrawConsent(tx: Tx, input: StateChange) {
  return changeState(tx, input, 'withdrawn', ['opted_in', 'pending'], 'withdrawn', 'consent.errors.notConsented');
}

/** Double opt-in: the contact clicked the link mailed to them; appends `confirmed`. */
export function confirmConsent(tx: Tx, input: StateChange) {
  return changeState(tx, input, 'confirmed', ['pending'], 'opted_in', 'consent.errors.notPending');
}
