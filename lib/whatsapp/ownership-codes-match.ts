import 'server-only';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { contacts, contactIdentities, tenants, whatsappOwnershipCodes } from '@/db/schema';
import type { Tx } from '@/db';
import type { Locale } from '@/lib/i18n/locales';
import { appendEvent, newEventId } from '@/lib/consent/append-event';
import { setContactStatus } from '@/lib/consent/contact-state';
import { enqueueEvidenceMails } from '@/lib/consent/enqueue-evidence';
import { commitmentOf, storedIdentity } from '@/lib/consent/identity';
import { pipelined } from '@/lib/db/pipelined';
import { enqueueWhatsapp, insideWindow } from './outbox';
import { codeHash, codeReplyText, extractCodes } from './ownership-codes-text';
import { senderEvidence } from './sender-evidence';
import { createSignupLink, signupLanguage } from './signup';

/** An inbound WhatsApp message as the ownership-code check needs it. */
export type CodeMessage = {
  tenantId: string;
  messageId: string;
  /** wa_id: the sender's number, digits without "+" (may be absent in newer payloads: then nothing can be proven). */
  waId: string | null;
  /** The business-scoped user id, when the payload carries one. */
  userId: string | null;
  text: string;
  /** The message's own time (WhatsApp's timestamp). */
  occurredAt: Date;
};

/**
 * What a message carrying a code did:
 * - `none`: no code of this tenant in it (an ordinary message; the caller goes on with keywords etc.);
 * - `confirmed`: the code's opt-in is confirmed (a `confirmed` event with the message as evidence);
 * - `mismatch`: a live code from another number than the opt-in's: nothing confirmed, the company is to be shown it;
 * - `expired` / `used`: nothing confirmed, the sender is to be told why;
 * - `not_pending`: the opt-in is no longer waiting (withdrawn, or confirmed by e-mail meanwhile): nothing changed.
 */
export type CodeOutcome =
  | { kind: 'none' }
  /** "Anmelden": answered with a personal, ownership-proven consent link (lib/whatsapp/signup.ts); null: no notice. */
  | { kind: 'signup'; url: string | null }
  | { kind: 'confirmed'; contactId: string; eventId: string; language: 'de' | 'en' }
  | { kind: 'mismatch' | 'expired' | 'used' | 'not_pending'; contactId: string | null; language: 'de' | 'en' };

type CodeRow = typeof whatsappOwnershipCodes.$inferSelect;

/** The tenant's confirmation code rows named in the message (none: not a code message). */
async function codesIn(tx: Tx, tenantId: string, text: string): Promise<CodeRow[]> {
  const codes = extractCodes(text);
  if (codes.length === 0) return [];
  return tx
    .select()
    .from(whatsappOwnershipCodes)
    .where(
      and(
        eq(whatsappOwnershipCodes.tenantId, tenantId),
        eq(whatsappOwnershipCodes.purpose, 'confirm'),
        inArray(
          whatsappOwnershipCodes.codeHash,
          codes.map((c) => codeHash(tenantId, c)),
        ),
      ),
    );
}

/** "+" and the wa_id digits: the E.164 number WhatsApp authenticated as the sender. */
export function senderE164(waId: string | null): string | null {
  return waId && /^\d{6,15}$/.test(waId) ? `+${waId}` : null;
}

/**
 * Checks an inbound message for an ownership code and, when it is a live code sent from the very number the opt-in
 * named, confirms that opt-in: the code is claimed (single use, in one statement), a `confirmed` event is appended
 * with channel whatsapp, the message id, its time and a salted commitment to the sender as evidence, the contact
 * becomes opted in and the receipt mails are queued — all in the caller's tenant transaction.
 * A code from any other number (or from a sender without a number) confirms nothing and counts a mismatch.
 */
export async function matchOwnershipCode(tx: Tx, msg: CodeMessage): Promise<CodeOutcome> {
  const signup = msg.waId ? signupLanguage(msg.text) : null;
  if (signup) return signUp(tx, msg, msg.waId!, signup);
  const rows = await codesIn(tx, msg.tenantId, msg.text);
  if (rows.length === 0) return { kind: 'none' };
  const outcome = await checkCode(tx, msg, rows);
  if (outcome.kind !== 'none' && outcome.kind !== 'signup') await replyToCode(tx, msg, outcome);
  return outcome;
}

async function checkCode(tx: Tx, msg: CodeMessage, rows: CodeRow[]): Promise<CodeOutcome> {
  const now = new Date();
  const sender = senderE164(msg.waId);
  // Several codes in one message: the one from the sender's own opt-in wins, then a live one.
  const row = rows.find((r) => r.phoneE164 === sender && !r.usedAt) ?? rows.find((r) => !r.usedAt) ?? rows[0]!;
  const [contact] = row.contactId
    ? await tx
        .select({ status: contacts.status, language: contacts.language, email: contacts.email })
        .from(contacts)
        .where(and(eq(contacts.tenantId, msg.tenantId), eq(contacts.id, row.contactId)))
        // The contact row lock: two messages with the same code (or a code and the e-mail link) confirm once.
        .for('update')
    : [];
  const base = { contactId: row.contactId, language: contact?.language ?? 'de' } as const;
  if (row.usedAt) return { kind: 'used', ...base };
  if (row.expiresAt <= now) return { kind: 'expired', ...base };
  if (!sender || row.phoneE164 !== sender) {
    await tx
      .update(whatsappOwnershipCodes)
      .set({ mismatches: sql`${whatsappOwnershipCodes.mismatches} + 1` })
      .where(and(eq(whatsappOwnershipCodes.tenantId, msg.tenantId), eq(whatsappOwnershipCodes.id, row.id)));
    return { kind: 'mismatch', ...base };
  }
  if (!contact || contact.status !== 'pending') return { kind: 'not_pending', ...base };
  return confirmByCode(tx, msg, row, contact, now);
}

async function confirmByCode(tx: Tx, msg: CodeMessage, row: CodeRow, contact: { language: 'de' | 'en'; email: string | null }, now: Date): Promise<CodeOutcome> {
  const tenantId = msg.tenantId;
  const eventId = newEventId();
  // Claim first: a twin that got here too (another message with the same code) finds it used.
  const [claimed] = await tx
    .update(whatsappOwnershipCodes)
    .set({ usedAt: now, usedMessageId: msg.messageId, eventId })
    .where(and(eq(whatsappOwnershipCodes.tenantId, tenantId), eq(whatsappOwnershipCodes.id, row.id), isNull(whatsappOwnershipCodes.usedAt), gt(whatsappOwnershipCodes.expiresAt, now)))
    .returning({ id: whatsappOwnershipCodes.id });
  if (!claimed) return { kind: 'used', contactId: row.contactId, language: contact.language };
  const contactId = row.contactId!;
  const [[tenant], [identityRow]] = await pipelined([
    tx.select({ evidenceEmail: tenants.evidenceEmail, evidenceDelivery: tenants.evidenceDelivery }).from(tenants).where(eq(tenants.id, tenantId)),
    tx.select().from(contactIdentities).where(and(eq(contactIdentities.tenantId, tenantId), eq(contactIdentities.id, row.identityId!))),
  ]);
  const evidence = senderEvidence({ waId: msg.waId, userId: msg.userId });
  await enqueueEvidenceMails(tx, { tenantId, eventId, evidenceEmail: tenant?.evidenceEmail, evidenceDelivery: tenant?.evidenceDelivery, contactEmail: contact.email, contactStatus: 'opted_in' });
  await appendEvent(
    tx,
    {
      id: eventId,
      tenantId,
      type: 'confirmed',
      contactId,
      noticeVersionId: null,
      noticeHash: null,
      linkId: null,
      channel: 'whatsapp',
      language: contact.language,
      ipTruncated: null,
      userAgent: null,
      idempotencyKey: `wa-own:${row.id}`,
      // The identity version the opt-in recorded: the code was bound to it (and to its number).
      ...commitmentOf(identityRow ? storedIdentity(identityRow) : null),
      evidenceChannel: 'whatsapp',
      evidenceKind: 'ownership_code',
      evidenceMessageId: msg.messageId,
      evidenceMessageAt: msg.occurredAt,
      evidenceSenderHash: evidence.hash,
    },
    (at) => setContactStatus(tx, { tenantId, id: contactId }, 'opted_in', at, { confirmTokenHash: null }),
  );
  // After the event (its foreign key): who sent the message, erasable beside the commitment the event's hash covers.
  await evidence.insert(tx, tenantId, eventId);
  return { kind: 'confirmed', contactId, eventId, language: contact.language };
}

async function tenantOf(tx: Tx, tenantId: string) {
  const [t] = await tx.select({ slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return t!;
}

/**
 * The one reply to a code message, inside the customer-service window, in the contact's language: confirmed, or why
 * not. Keyed `reply:<message id>` like every reply, so a reprocessed message never queues a second one. A mismatch
 * reply names no contact (the code's opt-in is someone else's number).
 */
async function replyToCode(tx: Tx, msg: CodeMessage, outcome: Exclude<CodeOutcome, { kind: 'none' | 'signup' }>) {
  if (!msg.waId || !insideWindow(msg.occurredAt)) return;
  const tenant = await tenantOf(tx, msg.tenantId);
  await enqueueWhatsapp(tx, {
    tenantId: msg.tenantId,
    idempotencyKey: `reply:${msg.messageId}`,
    kind: `code_${outcome.kind}`,
    toWaId: msg.waId,
    contactId: outcome.kind === 'confirmed' ? outcome.contactId : null,
    body: codeReplyText(outcome.kind, outcome.language, tenant.name),
    replyTo: { messageId: msg.messageId, at: msg.occurredAt },
  });
}

/** "Anmelden" from a number: the reply carries a personal consent link bound to that number (lib/whatsapp/signup.ts). */
async function signUp(tx: Tx, msg: CodeMessage, waId: string, language: Locale): Promise<CodeOutcome> {
  if (!insideWindow(msg.occurredAt)) return { kind: 'signup', url: null };
  const tenant = await tenantOf(tx, msg.tenantId);
  const url = await createSignupLink(tx, { tenantId: msg.tenantId, slug: tenant.slug }, { messageId: msg.messageId, waId });
  await enqueueWhatsapp(tx, {
    tenantId: msg.tenantId,
    idempotencyKey: `reply:${msg.messageId}`,
    kind: 'signup_reply',
    toWaId: waId,
    body: url ? codeReplyText('signup', language, tenant.name, url) : codeReplyText('signupUnavailable', language, tenant.name),
    replyTo: { messageId: msg.messageId, at: msg.occurredAt },
  });
  return { kind: 'signup', url };
}
