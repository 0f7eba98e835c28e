import { randomUUID } from 'node:crypto';
import { and, eq, isNull, or, gt, lt, sql } from 'drizzle-orm';
import { contacts, inviteLinks } from '@/db/schema';
import type { Tx } from '@/db';
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
  /** The published notice version the contact confirmed (opt-in), with its text hash. */
  noticeVersion: { id: string; textHash: string } | null;
  ip: string | null;
  userAgent: string | null;
  language: Locale;
  baseUrl: string;
};

export type DecisionData = {
  decision: Decision;
  name?: string | null;
  phoneE164?: string | null;
  email?: string | null;
  idempotencyKey: string;
};

export type DecisionResult = { eventId: string; contactId: string; contactToken: string; status: ContactStatus; replayed: boolean };

/**
 * Records a contact's decision from an invite link: ledger event, contact state, link usage and (double opt-in)
 * the confirmation mail, all in the caller's tenant transaction. Submitting the same idempotency key again returns
 * the first result and writes nothing.
 */
export async function recordDecision(tx: Tx, ctx: DecisionContext, data: DecisionData): Promise<DecisionResult> {
  const tenantId = ctx.tenant.id;
  const earlier = await findByIdempotencyKey(tx, tenantId, data.idempotencyKey);
  if (earlier) {
    const [c] = await tx.select({ status: contacts.status }).from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, earlier.contactId)));
    return { eventId: earlier.id, contactId: earlier.contactId, contactToken: contactToken(earlier.contactId), status: c!.status, replayed: true };
  }
  if (data.decision === 'opt_in' && !ctx.noticeVersion) throw new DomainError('consent.errors.noNotice', 409);

  // Counts the use and re-checks the link in one statement (its row lock): a link with one use left cannot be used
  // twice by two simultaneous submissions.
  const [used] = await tx
    .update(inviteLinks)
    .set({ uses: sql`${inviteLinks.uses} + 1` })
    .where(
      and(
        eq(inviteLinks.tenantId, tenantId),
        eq(inviteLinks.id, ctx.link.id),
        isNull(inviteLinks.revokedAt),
        or(isNull(inviteLinks.expiresAt), gt(inviteLinks.expiresAt, sql`now()`)),
        or(isNull(inviteLinks.maxUses), lt(inviteLinks.uses, inviteLinks.maxUses)),
      ),
    )
    .returning({ id: inviteLinks.id });
  if (!used) throw new DomainError('linkUnavailable', 410);

  const pii = { name: data.name ?? null, phoneE164: data.phoneE164 ?? null, email: data.email ?? null };
  const contact = await upsertContact(tx, tenantId, pii, ctx.language);
  const pending = data.decision === 'opt_in' && ctx.tenant.doubleOptIn && !!pii.email;
  const status: ContactStatus = data.decision === 'opt_out' ? 'opted_out' : pending ? 'pending' : 'opted_in';

  const eventId = newEventId();
  let confirmTokenHash: string | null = null;
  if (pending) {
    const token = deriveToken('confirm', eventId);
    confirmTokenHash = tokenHash(token);
    const mail = await confirmConsentMail(ctx.language, { tenantName: ctx.tenant.name, url: `${ctx.baseUrl}/c/${ctx.tenant.slug}/confirm/${token}` });
    await enqueueMail(tx, { tenantId, kind: 'double_opt_in', to: pii.email!, relatedId: eventId, ...mail });
  }
  await enqueueEvidenceMails(tx, { tenantId, eventId, evidenceEmail: ctx.tenant.evidenceEmail, contactEmail: pii.email, contactStatus: status });

  // Last: the chain append, with the contact's new state written in the same round trip.
  const event = await appendEvent(
    tx,
    {
      id: eventId,
      tenantId,
      type: data.decision,
      contactId: contact.id,
      noticeVersionId: ctx.noticeVersion?.id ?? null,
      noticeHash: ctx.noticeVersion?.textHash ?? null,
      linkId: ctx.link.id,
      channel: 'whatsapp',
      language: ctx.language,
      ipTruncated: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 400) ?? null,
      idempotencyKey: data.idempotencyKey,
      piiHash: piiHash(contact.piiSalt, pii),
    },
    (at) => setContactStatus(tx, { tenantId, id: contact.id }, status, at, { confirmTokenHash }),
  );
  return { eventId: event.id, contactId: contact.id, contactToken: contactToken(contact.id), status, replayed: false };
}

/**
 * The same phone number in the same tenant is the same contact (so a refusal after a consent updates that person);
 * an anonymous refusal gets a contact of its own. Name and e-mail are updated to the latest given.
 */
async function upsertContact(tx: Tx, tenantId: string, pii: { name: string | null; phoneE164: string | null; email: string | null }, language: Locale) {
  if (pii.phoneE164) {
    const [existing] = await tx
      .select({ id: contacts.id, piiSalt: contacts.piiSalt })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.phoneE164, pii.phoneE164)))
      .limit(1);
    if (existing?.piiSalt) {
      await tx
        .update(contacts)
        .set({ name: pii.name, email: pii.email, language })
        .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, existing.id)));
      return { id: existing.id, piiSalt: existing.piiSalt };
    }
  }
  const id = randomUUID();
  const piiSalt = newPiiSalt();
  await tx.insert(contacts).values({
    tenantId,
    id,
    name: pii.name,
    phoneE164: pii.phoneE164,
    email: pii.email,
    piiSalt,
    status: 'pending',
    language,
    withdrawTokenHash: contactTokenHash(id),
  });
  return { id, piiSalt };
}
