import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { inviteLinks, whatsappInbox, whatsappOwnershipCodes } from '@/db/schema';
import type { Tx } from '@/db';
import { sha256Hex } from '@/lib/crypto';
import { pipelined } from '@/lib/db/pipelined';
import type { Locale } from '@/lib/i18n/locales';
import { tokenHash } from '@/lib/links/token';
import { normaliseKeyword } from './keywords';
import { CODE_TTL_MS } from './ownership-codes-text';
import { senderEvidence } from './sender-evidence';
import { startLink } from './start-link';

/**
 * Sign-up started from WhatsApp (issue #17): a shop's QR code opens a chat with the prefilled message "Anmelden";
 * the reply carries a personal consent link (a single-use invite link with the number prefilled, lib/whatsapp/start-link.ts)
 * and this module records, as a `signup` row of whatsapp_ownership_codes keyed by that link's id, which message from
 * which number the link answers.
 *
 * What this proves, exactly: WhatsApp delivered message M (id, time) from number N to the company; the link was sent
 * only into N's chat, in reply to M. An opt-in through that link that names N therefore comes from someone who could
 * read N's WhatsApp chat (or was handed the link by such a person) — the same proof as sending a code from N, so it
 * needs no further confirmation under double opt-in: it is recorded as `opt_in` (opted in), its evidence the
 * message M (kind `signup_message`, message id and time, salted commitment to the sender). If the form names another
 * number, the link proves nothing about it and the opt-in is an ordinary one (pending under double opt-in). The proof
 * is single use and expires with the link (7 days).
 */
const SIGNUP_WORDS = new Map<string, Locale>([
  ['anmelden', 'de'],
  ['anmeldung', 'de'],
  ['sign up', 'en'],
  ['signup', 'en'],
]);

/** The language of a sign-up request when the whole message is one ("Anmelden", "anmelden!", "Sign up"), else null. */
export function signupLanguage(text: string): Locale | null {
  return SIGNUP_WORDS.get(normaliseKeyword(text)) ?? null;
}

/**
 * The personal link for a sign-up message from `waId` (digits) with its proof row, in the caller's transaction.
 * Null when the tenant has no published notice.
 */
export async function createSignupLink(tx: Tx, t: { tenantId: string; slug: string }, m: { messageId: string; waId: string }): Promise<string | null> {
  const url = await startLink(tx, t, m.waId, null);
  if (!url) return null;
  const token = url.slice(url.lastIndexOf('/') + 1);
  const [link] = await tx
    .select({ id: inviteLinks.id, expiresAt: inviteLinks.expiresAt })
    .from(inviteLinks)
    .where(and(eq(inviteLinks.tenantId, t.tenantId), eq(inviteLinks.tokenHash, tokenHash(token))));
  await tx.insert(whatsappOwnershipCodes).values({
    tenantId: t.tenantId,
    id: link!.id,
    codeHash: sha256Hex(`wa-signup:${link!.id}`),
    purpose: 'signup',
    phoneE164: `+${m.waId}`,
    usedMessageId: m.messageId,
    expiresAt: link!.expiresAt ?? new Date(Date.now() + CODE_TTL_MS),
  });
  return url;
}

export type SignupProof = { id: string; phoneE164: string; messageId: string; messageAt: Date; waId: string | null; userId: string | null };

/**
 * The live sign-up proof of an invite link, if the link was sent in reply to a sign-up message: the number and the
 * message (time and sender from the durable inbox). Used by recordDecision before an opt-in through the link.
 */
export async function signupProofOf(tx: Tx, tenantId: string, linkId: string): Promise<SignupProof | null> {
  const [row] = await tx
    .select({
      id: whatsappOwnershipCodes.id,
      phoneE164: whatsappOwnershipCodes.phoneE164,
      messageId: whatsappOwnershipCodes.usedMessageId,
      messageAt: whatsappInbox.occurredAt,
      waId: whatsappInbox.waId,
      userId: whatsappInbox.userId,
    })
    .from(whatsappOwnershipCodes)
    .innerJoin(whatsappInbox, and(eq(whatsappInbox.tenantId, whatsappOwnershipCodes.tenantId), eq(whatsappInbox.externalKey, whatsappOwnershipCodes.usedMessageId)))
    .where(
      and(
        eq(whatsappOwnershipCodes.tenantId, tenantId),
        eq(whatsappOwnershipCodes.id, linkId),
        eq(whatsappOwnershipCodes.purpose, 'signup'),
        sql`${whatsappOwnershipCodes.usedAt} is null`,
        sql`${whatsappOwnershipCodes.expiresAt} > now()`,
      ),
    );
  return row?.phoneE164 && row.messageId ? { ...row, phoneE164: row.phoneE164, messageId: row.messageId } : null;
}

/** Marks the proof used by the opt-in event it proved (single use; false when a twin used it first). */
export async function claimSignupProof(tx: Tx, tenantId: string, proofId: string, eventId: string): Promise<boolean> {
  const rows = await tx
    .update(whatsappOwnershipCodes)
    .set({ usedAt: sql`now()`, eventId })
    .where(and(eq(whatsappOwnershipCodes.tenantId, tenantId), eq(whatsappOwnershipCodes.id, proofId), sql`${whatsappOwnershipCodes.usedAt} is null`))
    .returning({ id: whatsappOwnershipCodes.id });
  return rows.length > 0;
}

/**
 * The evidence an opt-in through a sign-up link carries (canon v2): the sign-up message's id and time and the salted
 * sender commitment; `write` (in the opt-in's writes) uses the proof and keeps the sender beside the event (its
 * foreign key is deferred to the commit). `write` resolves false when a twin used the proof first.
 */
export function signupEvidence(proof: SignupProof) {
  const sender = senderEvidence({ waId: proof.waId, userId: proof.userId });
  return {
    fields: {
      evidenceChannel: 'whatsapp',
      evidenceKind: 'signup_message',
      evidenceMessageId: proof.messageId,
      evidenceMessageAt: proof.messageAt,
      evidenceSenderHash: sender.hash,
    },
    write: (tx: Tx, tenantId: string, eventId: string) => pipelined([claimSignupProof(tx, tenantId, proof.id, eventId), sender.insert(tx, tenantId, eventId)]).then(([used]) => used),
  };
}
