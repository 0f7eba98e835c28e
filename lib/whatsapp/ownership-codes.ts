import 'server-only';
import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { whatsappConnections, whatsappOwnershipCodes } from '@/db/schema';
import type { Tx } from '@/db';
import { authSecret } from '@/lib/config';
import { pipelined } from '@/lib/db/pipelined';
import { withTenant } from '@/lib/db/with-tenant';
import type { Locale } from '@/lib/i18n/locales';
import { CODE_TTL_MS, codeHash, deriveCode, prefilledConfirmation, waMeUrl } from './ownership-codes-text';

/**
 * Double opt-in through WhatsApp (issue #17): a web opt-in under double opt-in gets a one-time code bound to its
 * contact, its identity version and the phone number it named. The contact sends the code from their phone; a code
 * arriving from that very number proves that the number's owner consented (lib/whatsapp/ownership-code-match.ts).
 */
export type ConfirmCodeFor = { tenantId: string; contactId: string; identityId: string; phoneE164: string };

/**
 * Inserts the confirmation code of a pending opt-in (in the opt-in's own transaction, after its contact and identity
 * rows). A hash collision with another live code of the tenant (≈ n / 2^40) leaves the opt-in without a code: the
 * page then offers only the e-mail confirmation, if any, and the insert does not fail the opt-in.
 */
export async function insertConfirmCode(tx: Tx, c: ConfirmCodeFor, now = new Date(), ttlMs = CODE_TTL_MS) {
  const id = randomUUID();
  await tx
    .insert(whatsappOwnershipCodes)
    .values({
      tenantId: c.tenantId,
      id,
      codeHash: codeHash(c.tenantId, deriveCode(authSecret(), id)),
      purpose: 'confirm',
      contactId: c.contactId,
      identityId: c.identityId,
      phoneE164: c.phoneE164,
      expiresAt: new Date(now.getTime() + ttlMs),
    })
    .onConflictDoNothing();
  return id;
}

/** The code a code row stands for (derived again from its id; only the hash is stored). */
export function codeOf(codeId: string): string {
  return deriveCode(authSecret(), codeId);
}

export type WhatsappConfirmation = { code: string; url: string; qrSvg: string; expiresAt: Date };

/**
 * What the pending step shows under "Per WhatsApp bestätigen": the contact's live code, the wa.me link with the
 * prefilled message and its QR code. Null when the tenant has no WhatsApp number or the contact no live code.
 */
export async function whatsappConfirmation(tx: Tx, tenantId: string, contactId: string, locale: Locale, company: string): Promise<WhatsappConfirmation | null> {
  const [[connection], [row]] = await pipelined([
    tx.select({ displayNumber: whatsappConnections.displayNumber }).from(whatsappConnections).where(eq(whatsappConnections.tenantId, tenantId)),
    tx
      .select({ id: whatsappOwnershipCodes.id, expiresAt: whatsappOwnershipCodes.expiresAt })
      .from(whatsappOwnershipCodes)
      .where(
        and(
          eq(whatsappOwnershipCodes.tenantId, tenantId),
          eq(whatsappOwnershipCodes.contactId, contactId),
          eq(whatsappOwnershipCodes.purpose, 'confirm'),
          isNull(whatsappOwnershipCodes.usedAt),
          gt(whatsappOwnershipCodes.expiresAt, new Date()),
        ),
      )
      .orderBy(desc(whatsappOwnershipCodes.createdAt))
      .limit(1),
  ]);
  if (!connection || !row) return null;
  const code = codeOf(row.id);
  const url = waMeUrl(connection.displayNumber, prefilledConfirmation(locale, company, code));
  if (!url) return null;
  // 192 px wide as an attribute: the public pages' CSP allows no inline style, and the phone scans it from a screen.
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 192 });
  return { code, url, qrSvg, expiresAt: row.expiresAt };
}

/**
 * The pending step's WhatsApp confirmation for a contact shown on a public page (its own tenant transaction), or
 * null: not pending, no number connected, or no live code.
 */
export async function pendingWhatsappConfirmation(
  tenant: { id: string; name: string; whatsappConnected: boolean },
  contact: { id: string; status: string },
  locale: Locale,
): Promise<WhatsappConfirmation | null> {
  if (contact.status !== 'pending' || !tenant.whatsappConnected) return null;
  return withTenant(tenant.id, (tx) => whatsappConfirmation(tx, tenant.id, contact.id, locale, tenant.name));
}
