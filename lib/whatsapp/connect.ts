import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { whatsappConnections } from '@/db/schema';
import type { Tx } from '@/db';
import { randomToken, sha256Hex } from '@/lib/crypto';
import { encryptSecret } from './secrets';
import { forgetWebhookRoutes } from './webhook-routes';

export const connectSchema = z.object({
  phoneNumberId: z.string().trim().regex(/^[0-9A-Za-z_-]{1,64}$/),
  businessAccountId: z.string().trim().regex(/^[0-9A-Za-z_-]{1,64}$/),
  displayNumber: z.string().trim().regex(/^\+[1-9]\d{5,14}$/),
  accessToken: z.string().trim().min(8).max(2048),
  appSecret: z.string().trim().min(8).max(512),
});
export type ConnectInput = z.infer<typeof connectSchema>;

/**
 * Connects (or reconnects) the tenant's number: secrets encrypted with WHATSAPP_SECRETS_KEY, a fresh verify token
 * generated for Meta's handshake — returned once to be shown, stored encrypted and as its hash. Throws on a
 * phone_number_id another tenant already connected (unique key).
 */
export async function connectWhatsapp(tx: Tx, tenantId: string, input: ConnectInput, opts: { userId?: string | null; simulated?: boolean; verifyToken?: string } = {}) {
  const verifyToken = opts.verifyToken ?? randomToken(24);
  const values = {
    phoneNumberId: input.phoneNumberId,
    businessAccountId: input.businessAccountId,
    displayNumber: input.displayNumber,
    accessTokenEnc: encryptSecret(input.accessToken, tenantId),
    appSecretEnc: encryptSecret(input.appSecret, tenantId),
    verifyTokenEnc: encryptSecret(verifyToken, tenantId),
    verifyTokenHash: sha256Hex(verifyToken),
    simulated: opts.simulated ?? false,
    connectedBy: opts.userId ?? null,
    updatedAt: sql`now()`,
  };
  await tx
    .insert(whatsappConnections)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: whatsappConnections.tenantId, set: values });
  forgetWebhookRoutes();
  return { verifyToken };
}

/** The connection as the dashboard may show it: never a secret. */
export async function connectionSummary(tx: Tx, tenantId: string) {
  const [c] = await tx
    .select({
      phoneNumberId: whatsappConnections.phoneNumberId,
      businessAccountId: whatsappConnections.businessAccountId,
      displayNumber: whatsappConnections.displayNumber,
      simulated: whatsappConnections.simulated,
      lastWebhookAt: whatsappConnections.lastWebhookAt,
      lastTestAt: whatsappConnections.lastTestAt,
      lastTestOk: whatsappConnections.lastTestOk,
      updatedAt: whatsappConnections.updatedAt,
    })
    .from(whatsappConnections)
    .where(eq(whatsappConnections.tenantId, tenantId));
  return c ?? null;
}

/** Disconnects the number (inbox, outbox and the ledger stay). */
export async function disconnectWhatsapp(tx: Tx, tenantId: string) {
  await tx.delete(whatsappConnections).where(eq(whatsappConnections.tenantId, tenantId));
  forgetWebhookRoutes();
}
