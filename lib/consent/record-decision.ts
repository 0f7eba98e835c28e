import { randomUUID } from 'node:crypto';
import { and, eq, isNull, or, gt, lt, sql } from 'drizzle-orm';
import { contacts, inviteLinks } from '@/db/schema';
import type { Tx } from '@/db';
import { pipelined } from '@/lib/db/pipelined';
import { DomainError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { deriveToken, tokenHash } from '@/lib/links/token';
import { enqueueMail } from '@/lib/mail/enqueue';
import { confirmConsentMail } from '@/lib/mail/consent-templates';
import { appendEvent, findByIdempotencyKey, newEventId } from './append-event';
import { contactToken, contactTokenHash, setContactStatus } from './contact-state';
import { enqueueEvidenceMails } from './enqueue-evidence';
import { newPiiSalt, piiHash } from './pii';
import type { ContactStatus, Decision } from './types';

export type DecisionContext = {
  tenant: { id: string; slug: string; name: string; doubleOptIn: boolean; evidenceEmail?: string | null };
  link: { id: string };
  /**
   * The published notice version the contact confirmed (opt-in), with its text hash. May be a query still in flight:
   * it is awaited with this function's own first reads, in one round trip.
   */
  noticeVersion: NoticeVersionRef | null | Promise<NoticeVersionRef | null>;
  ip: string | null;
  userAgent: string | null;
  language: Locale;
  baseUrl: string;
};
type NoticeVersionRef = { id: string; textHash: string };

export type DecisionData = {
  decision: Decision;
  name?: string | null;
  phoneE164?: string | null;
  email?: string | null;
  idempotencyKey: string;
};

export type DecisionResult = { eventId: string; contactId: string; contactToken: string; status: ContactStatus; replayed: boolean };
type Pii = { name: string | null; phoneE164: string | null; email: string | null };

/**
 * Records a contact's decision from an invite link: ledger event, contact state, link usage and (double opt-in)
 * the confirmation mail, all in the caller's tenant transaction. Submitting the same idempotency key again returns
 * the first result and writes nothing.
 * Round trips: the reads go out together, then the writes that need no lock, then the chain append (head lock, then
 * event + head + contact state + link use count): the locks are taken last and held for the shortest time.
 */
export async function recordDecision(tx: Tx, ctx: DecisionContext, data: DecisionData): Promise<DecisionResult> {
  const tenantId = ctx.tenant.id;
  const pii: Pii = { name: data.name ?? null, phoneE164: data.phoneE164 ?? null, email: data.email ?? null };
  const [earlier, noticeVersion, known] = await pipelined([
    findByIdempotencyKey(tx, tenantId, data.idempotencyKey),
    ctx.noticeVersion,
    findContactByPhone(tx, tenantId, pii.phoneE164),
  ]);
  if (earlier) {
    const [c] = await tx.select({ status: contacts.status }).from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, earlier.contactId)));
    return { eventId: earlier.id, contactId: earlier.contactId, contactToken: contactToken(earlier.contactId), status: c!.status, replayed: true };
  }
  if (data.decision === 'opt_in' && !noticeVersion) throw new DomainError('consent.errors.noNotice', 409);

  const pending = data.decision === 'opt_in' && ctx.tenant.doubleOptIn && !!pii.email;
  const status: ContactStatus = data.decision === 'opt_out' ? 'opted_out' : pending ? 'pending' : 'opted_in';
  const eventId = newEventId();
  const contact = known ?? { id: randomUUID(), piiSalt: newPiiSalt(), isNew: true as const };
  let confirmTokenHash: string | null = null;
  let confirmMail: Awaited<ReturnType<typeof confirmConsentMail>> | null = null;
  if (pending) {
    const token = deriveToken('confirm', eventId);
    confirmTokenHash = tokenHash(token);
    confirmMail = await confirmConsentMail(ctx.language, { tenantName: ctx.tenant.name, url: `${ctx.baseUrl}/c/${ctx.tenant.slug}/confirm/${token}` });
  }

  await pipelined([
    saveContact(tx, tenantId, contact, pii, ctx.language),
    confirmMail && enqueueMail(tx, { tenantId, kind: 'double_opt_in', to: pii.email!, relatedId: eventId, ...confirmMail }),
    enqueueEvidenceMails(tx, { tenantId, eventId, evidenceEmail: ctx.tenant.evidenceEmail, contactEmail: pii.email, contactStatus: status }),
  ]);

  // Last: the chain append, with the contact's new state and the link's use count written in the same round trip.
  // The link row is locked only here, under the chain lock: taken earlier, it would queue one tenant's submissions
  // (one link) for longer than the chain lock itself does.
  let linkUsable = false;
  const event = await appendEvent(
    tx,
    {
      id: eventId,
      tenantId,
      type: data.decision,
      contactId: contact.id,
      noticeVersionId: noticeVersion?.id ?? null,
      noticeHash: noticeVersion?.textHash ?? null,
      linkId: ctx.link.id,
      channel: 'whatsapp',
      language: ctx.language,
      ipTruncated: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 400) ?? null,
      idempotencyKey: data.idempotencyKey,
      piiHash: piiHash(contact.piiSalt, pii),
    },
    async (at) => {
      const [used] = await pipelined([countLinkUse(tx, tenantId, ctx.link.id), setContactStatus(tx, { tenantId, id: contact.id }, status, at, { confirmTokenHash })]);
      linkUsable = !!used;
    },
  );
  // Revoked, expired or used up since it was resolved: the transaction rolls back, event included.
  if (!linkUsable) throw new DomainError('linkUnavailable', 410);
  return { eventId: event.id, contactId: contact.id, contactToken: contactToken(contact.id), status, replayed: false };
}

/**
 * Counts the use and re-checks the link in one statement (its row lock): a link with one use left cannot be used
 * twice by two simultaneous submissions. Undefined when the link is no longer usable.
 */
async function countLinkUse(tx: Tx, tenantId: string, linkId: string) {
  const [used] = await tx
    .update(inviteLinks)
    .set({ uses: sql`${inviteLinks.uses} + 1` })
    .where(
      and(
        eq(inviteLinks.tenantId, tenantId),
        eq(inviteLinks.id, linkId),
        isNull(inviteLinks.revokedAt),
        or(isNull(inviteLinks.expiresAt), gt(inviteLinks.expiresAt, sql`now()`)),
        or(isNull(inviteLinks.maxUses), lt(inviteLinks.uses, inviteLinks.maxUses)),
      ),
    )
    .returning({ id: inviteLinks.id });
  return used;
}

/**
 * The same phone number in the same tenant is the same contact (so a refusal after a consent updates that person);
 * an anonymous refusal gets a contact of its own.
 */
async function findContactByPhone(tx: Tx, tenantId: string, phoneE164: string | null) {
  if (!phoneE164) return null;
  const [row] = await tx
    .select({ id: contacts.id, piiSalt: contacts.piiSalt })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.phoneE164, phoneE164)))
    .limit(1);
  // A contact whose personal data was erased (no salt) is not reused: the new decision gets a new contact.
  return row?.piiSalt ? { id: row.id, piiSalt: row.piiSalt, isNew: false as const } : null;
}

/** Writes the contact: a new one, or the known one with name and e-mail updated to the latest given. */
async function saveContact(tx: Tx, tenantId: string, c: { id: string; piiSalt: string; isNew: boolean }, pii: Pii, language: Locale) {
  if (!c.isNew) {
    await tx
      .update(contacts)
      .set({ name: pii.name, email: pii.email, language })
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, c.id)));
    return;
  }
  await tx.insert(contacts).values({
    tenantId,
    id: c.id,
    name: pii.name,
    phoneE164: pii.phoneE164,
    email: pii.email,
    piiSalt: c.piiSalt,
    status: 'pending',
    language,
    withdrawTokenHash: contactTokenHash(c.id),
  });
}
