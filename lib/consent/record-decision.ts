import 'server-only';
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
import { commitmentOf, insertIdentity, newIdentity } from './identity';
import { insertConfirmCode } from '@/lib/whatsapp/ownership-codes';
import { signupEvidence, signupProofOf } from '@/lib/whatsapp/signup';
import type { Pii } from './pii';
import type { ContactStatus, Decision } from './types';

export type DecisionContext = {
  tenant: {
    id: string;
    slug: string;
    name: string;
    doubleOptIn: boolean;
    evidenceEmail?: string | null;
    evidenceDelivery?: 'each' | 'hourly' | 'daily';
    /** A WhatsApp number is connected: a pending opt-in can be confirmed by a code sent from the phone (issue #17). */
    whatsappConnected?: boolean;
  };
  /** The invite link; its use limit (fixed at creation) decides where its use is counted (see useLink). */
  link: { id: string; maxUses: number | null };
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

/**
 * Records a contact's decision from an invite link: ledger event, contact state, link usage and (double opt-in)
 * the confirmation mail, all in the caller's tenant transaction. Submitting the same idempotency key again returns
 * the first result and writes nothing.
 *
 * Every submission gets a contact of its own, even when its number or e-mail is known (issue #11, item 2): a web form
 * proves only that someone typed a number, so it may neither read nor change what another submission recorded. The
 * returned token is the capability for what *this* submission recorded; the personal data it committed to is an
 * identity version of its own (lib/consent/identity.ts), so no later submission can rewrite an earlier receipt.
 *
 * Round trips: the reads go out together, then the writes that need no lock, then the chain append (head lock, then
 * event + head + contact state + link use count): the locks are taken last and held for the shortest time.
 */
export async function recordDecision(tx: Tx, ctx: DecisionContext, data: DecisionData): Promise<DecisionResult> {
  const tenantId = ctx.tenant.id;
  const pii: Pii = { name: data.name ?? null, phoneE164: data.phoneE164 ?? null, email: data.email ?? null };
  // Under double opt-in an opt-in stays pending until confirmed, always: without a way to confirm (an e-mail address,
  // or the tenant's WhatsApp number to send a code to), the form asks for an address instead of recording an
  // unconfirmable consent.
  const wantsConfirmation = data.decision === 'opt_in' && ctx.tenant.doubleOptIn;
  const byWhatsapp = wantsConfirmation && !!ctx.tenant.whatsappConnected && !!pii.phoneE164;
  if (wantsConfirmation && !pii.email && !byWhatsapp) throw new DomainError('consent.errors.emailForConfirmation', 422, { email: 'consent.errors.emailForConfirmation' });

  const [earlier, noticeVersion, signup] = await pipelined([
    findByIdempotencyKey(tx, tenantId, data.idempotencyKey),
    ctx.noticeVersion,
    // A link sent in reply to "Anmelden" from WhatsApp proves its number (lib/whatsapp/signup.ts).
    data.decision === 'opt_in' && ctx.tenant.whatsappConnected ? signupProofOf(tx, tenantId, ctx.link.id) : null,
  ]);
  if (earlier) {
    const [c] = await tx.select({ status: contacts.status }).from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, earlier.contactId)));
    return { eventId: earlier.id, contactId: earlier.contactId, contactToken: contactToken(earlier.contactId), status: c!.status, replayed: true };
  }
  if (data.decision === 'opt_in' && !noticeVersion) throw new DomainError('consent.errors.noNotice', 409);
  // The number was proven by the message the link answered: nothing left to confirm. Another number proves nothing.
  const proven = signup && signup.phoneE164 === pii.phoneE164 ? signupEvidence(signup) : null;
  const pending = wantsConfirmation && !proven;

  const status: ContactStatus = data.decision === 'opt_out' ? 'opted_out' : pending ? 'pending' : 'opted_in';
  const eventId = newEventId();
  const contactId = randomUUID();
  const identity = newIdentity(pii);
  let confirmTokenHash: string | null = null;
  let confirmMail: Awaited<ReturnType<typeof confirmConsentMail>> | null = null;
  if (pending) {
    const token = deriveToken('confirm', eventId);
    confirmTokenHash = tokenHash(token);
    if (pii.email) confirmMail = await confirmConsentMail(ctx.language, { tenantName: ctx.tenant.name, url: `${ctx.baseUrl}/c/${ctx.tenant.slug}/confirm/${token}` });
  }

  const [, , , , , proofUsed] = await pipelined([
    insertContact(tx, tenantId, contactId, pii, ctx.language),
    identity && insertIdentity(tx, tenantId, contactId, identity),
    // After the contact and identity rows (their foreign keys): the code the contact may send from the number they named.
    pending && byWhatsapp && identity && insertConfirmCode(tx, { tenantId, contactId, identityId: identity.id, phoneE164: pii.phoneE164! }),
    confirmMail && enqueueMail(tx, { tenantId, kind: 'double_opt_in', to: pii.email!, relatedId: eventId, ...confirmMail }),
    enqueueEvidenceMails(tx, { tenantId, eventId, evidenceEmail: ctx.tenant.evidenceEmail, evidenceDelivery: ctx.tenant.evidenceDelivery, contactEmail: pii.email, contactStatus: status }),
    proven?.write(tx, tenantId, eventId),
  ]);
  // A twin submission used the proof first (the link is single use, so this one would fail on the link anyway).
  if (proven && !proofUsed) throw new DomainError('linkUnavailable', 410);

  // Last: the append, with the contact's new state and the link's use written in the same round trip.
  let linkUsable = false;
  const event = await appendEvent(
    tx,
    {
      id: eventId,
      tenantId,
      type: data.decision,
      contactId,
      noticeVersionId: noticeVersion?.id ?? null,
      noticeHash: noticeVersion?.textHash ?? null,
      linkId: ctx.link.id,
      channel: 'whatsapp',
      language: ctx.language,
      ipTruncated: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 400) ?? null,
      idempotencyKey: data.idempotencyKey,
      ...commitmentOf(identity),
      ...proven?.fields,
      linkUse: countedAtSeal(ctx.link) ? ctx.link.id : null,
    },
    async (at) => {
      const [usable] = await pipelined([useLink(tx, tenantId, ctx.link), setContactStatus(tx, { tenantId, id: contactId }, status, at, { confirmTokenHash })]);
      linkUsable = usable;
    },
  );
  // Revoked, expired or used up since it was resolved: the transaction rolls back, event included.
  if (!linkUsable) throw new DomainError('linkUnavailable', 410);
  return { eventId: event.id, contactId, contactToken: contactToken(contactId), status, replayed: false };
}

/**
 * A link without a use limit has its uses counted by the sequencer when it seals the event (ledgerQueue.linkUse): one
 * UPDATE per link and batch. Counted here, every submission through the link would hold the link's row lock until its
 * commit, so one link's submissions would wait for each other's commits (bench: one tenant's capacity fell to 0.56 of
 * 50 tenants mixed, nearly all of its waits on that lock). The limit is fixed at the link's creation.
 */
const countedAtSeal = (link: { maxUses: number | null }) => link.maxUses === null;

/**
 * Re-checks the link inside the transaction (revoked, expired or used up since it was resolved → false). A limited
 * link also counts its use here, in the same statement (its row lock): a link with one use left cannot be used twice
 * by two simultaneous submissions. An unlimited link is only read: a revocation that commits while this submission
 * is in flight lets it finish, as a submission that read the link before the revocation.
 */
async function useLink(tx: Tx, tenantId: string, link: { id: string; maxUses: number | null }): Promise<boolean> {
  const active = and(
    eq(inviteLinks.tenantId, tenantId),
    eq(inviteLinks.id, link.id),
    isNull(inviteLinks.revokedAt),
    or(isNull(inviteLinks.expiresAt), gt(inviteLinks.expiresAt, sql`now()`)),
  );
  if (countedAtSeal(link)) {
    const [row] = await tx.select({ id: inviteLinks.id }).from(inviteLinks).where(and(active, isNull(inviteLinks.maxUses)));
    return !!row;
  }
  const [used] = await tx
    .update(inviteLinks)
    .set({ uses: sql`${inviteLinks.uses} + 1` })
    .where(and(active, lt(inviteLinks.uses, inviteLinks.maxUses)))
    .returning({ id: inviteLinks.id });
  return !!used;
}

/** The submission's contact; its personal data is also kept here as the searchable copy of its identity version. */
async function insertContact(tx: Tx, tenantId: string, id: string, pii: Pii, language: Locale) {
  await tx.insert(contacts).values({
    tenantId,
    id,
    name: pii.name,
    phoneE164: pii.phoneE164,
    email: pii.email,
    status: 'pending',
    language,
    withdrawTokenHash: contactTokenHash(id),
  });
}
