import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { whatsappConnections, whatsappInbox } from '@/db/schema';
import { systemDb, withTenant } from '@/lib/db/with-tenant';
import { log } from '@/lib/log';
import { parseEnvelope, webhookItems, type WebhookItem } from './payload';
import { decryptSecret } from './secrets';
import { signatureMatches } from './signature';
import { kickWhatsappWorker } from './worker-kick';

export type ReceiveResult = { status: 200 | 400 | 401; stored: number; duplicates: number; unknown: number };

/** The longest webhook body accepted (Meta's deliveries are a few kB; a batch of many items stays far below). */
export const MAX_WEBHOOK_BYTES = 1_000_000;

/**
 * POST /api/whatsapp/webhook: routes every entry/change by phone_number_id to its tenant, checks X-Hub-Signature-256
 * over the raw bytes with that tenant's app secret (all-or-nothing: one mismatch → 401, nothing stored), and stores
 * every message, status and preference in the tenant's inbox — a duplicate (Meta's retry, a concurrent redelivery)
 * hits the unique key and is dropped. Processing happens later, in the worker. Items for phone_number_ids no tenant
 * has connected are ignored (200, counted in the log without personal data): Meta would retry anything else for days.
 */
export async function receiveWebhook(raw: Buffer, signature: string | null): Promise<ReceiveResult> {
  const none = { stored: 0, duplicates: 0, unknown: 0 };
  const parsed = parseEnvelope(raw.toString('utf8'));
  if (!parsed) return { status: signature ? 400 : 401, ...none };
  const db = await systemDb();
  const connections = parsed.phoneNumberIds.length
    ? await db
        .select({ tenantId: whatsappConnections.tenantId, phoneNumberId: whatsappConnections.phoneNumberId, appSecretEnc: whatsappConnections.appSecretEnc })
        .from(whatsappConnections)
        .where(inArray(whatsappConnections.phoneNumberId, parsed.phoneNumberIds))
    : [];
  for (const c of connections) if (!signatureMatches(raw, signature, decryptSecret(c.appSecretEnc, c.tenantId))) return { status: 401, ...none };
  const byPhone = new Map(connections.map((c) => [c.phoneNumberId, c.tenantId]));
  const items = webhookItems(parsed.changes);
  const unknown = items.filter((i) => !byPhone.has(i.phoneNumberId)).length;
  const unknownNumbers = parsed.phoneNumberIds.filter((p) => !byPhone.has(p)).length;
  if (unknownNumbers) log.warn({ unknownNumbers, items: unknown }, 'whatsapp webhook for a number no tenant connected: ignored');
  let stored = 0;
  for (const [phoneNumberId, tenantId] of byPhone) {
    const mine = items.filter((i) => i.phoneNumberId === phoneNumberId);
    stored += await storeItems(tenantId, mine);
  }
  if (stored > 0) kickWhatsappWorker();
  const known = items.length - unknown;
  return { status: 200, stored, duplicates: known - stored, unknown };
}

/** One insert for the tenant's items (duplicates dropped by the unique key) and the connection's last-webhook time. */
async function storeItems(tenantId: string, items: WebhookItem[]): Promise<number> {
  return withTenant(tenantId, async (tx) => {
    const rows = items.length
      ? await tx
          .insert(whatsappInbox)
          .values(
            items.map((i) => ({
              tenantId,
              externalKey: i.externalKey,
              kind: i.kind,
              messageId: i.messageId,
              waId: i.waId,
              userId: i.userId,
              itemType: i.itemType,
              body: i.body,
              details: i.details,
              occurredAt: i.occurredAt,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: whatsappInbox.id })
      : [];
    await tx.update(whatsappConnections).set({ lastWebhookAt: sql`now()` }).where(eq(whatsappConnections.tenantId, tenantId));
    return rows.length;
  });
}
