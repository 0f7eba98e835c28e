import 'server-only';
import { sql } from 'drizzle-orm';
import { systemDb } from '@/lib/db/with-tenant';
import { log } from '@/lib/log';
import { parseEnvelope, webhookItems, type WebhookItem } from './payload';
import { signatureMatches } from './signature';
import { webhookRoutes, type WebhookRoute } from './webhook-routes';
import { kickWhatsappWorker } from './worker-kick';

export type ReceiveResult = { status: 200 | 400 | 401; stored: number; duplicates: number; unknown: number };

/** The longest webhook body accepted (Meta's deliveries are a few kB; a batch of many items stays far below). */
export const MAX_WEBHOOK_BYTES = 1_000_000;

/** The webhook's answers are short text/plain; no proxy.ts on this path, so the few headers that matter are set here. */
export const WEBHOOK_HEADERS = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

const ANSWER_TEXT = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 413: 'Payload Too Large', 500: 'Internal Server Error' } as const;
export type WebhookAnswer = { status: keyof typeof ANSWER_TEXT; text: string };
const answer = (status: WebhookAnswer['status']): WebhookAnswer => ({ status, text: ANSWER_TEXT[status] });

/**
 * A POST delivery's HTTP answer, the same for both entries that read the body — the Next route handler (next dev) and
 * the custom server's fast path (npm start, webhook-fast-path.ts): `raw` null means the body was larger than
 * MAX_WEBHOOK_BYTES (413, nothing read further, nothing stored).
 */
export async function answerDelivery(raw: Buffer | null, signature: string | null): Promise<WebhookAnswer> {
  if (raw === null || raw.length > MAX_WEBHOOK_BYTES) return answer(413);
  try {
    return answer((await receiveWebhook(raw, signature)).status);
  } catch (err) {
    // Not acknowledged: Meta delivers again later, and the inbox's unique key makes the retry harmless.
    log.error({ code: (err as { code?: string }).code, err: err instanceof Error ? err.name : 'error' }, 'whatsapp webhook failed');
    return answer(500);
  }
}

const signedBy = (routes: Map<string, WebhookRoute>, raw: Buffer, signature: string | null) => [...routes.values()].every((r) => signatureMatches(raw, signature, r.key));

/**
 * POST /api/whatsapp/webhook: routes every entry/change by phone_number_id to its tenant, checks X-Hub-Signature-256
 * over the raw bytes with that tenant's app secret (all-or-nothing: one mismatch → 401, nothing stored), and stores
 * every message, status and preference in the tenant's inbox — a duplicate (Meta's retry, a concurrent redelivery)
 * hits the unique key and is dropped. Processing happens later, in the worker. Items for phone_number_ids no tenant
 * has connected are ignored (200, counted in the log without personal data): Meta would retry anything else for days.
 *
 * Per delivery one database statement: routes and app secrets come from an in-memory cache (webhook-routes.ts; a
 * signature that fails with a cached secret is checked once more against a fresh lookup, so a rotated secret is
 * accepted at once), and the store is one call of whatsapp_store_inbox (db/migrations/0009). The connection's
 * last-webhook time is written by the worker when it processes the items.
 */
export async function receiveWebhook(raw: Buffer, signature: string | null): Promise<ReceiveResult> {
  const none = { stored: 0, duplicates: 0, unknown: 0 };
  const parsed = parseEnvelope(raw.toString('utf8'));
  if (!parsed) return { status: signature ? 400 : 401, ...none };
  let routes = parsed.phoneNumberIds.length ? await webhookRoutes(parsed.phoneNumberIds) : new Map<string, WebhookRoute>();
  if (!signedBy(routes, raw, signature)) {
    routes = await webhookRoutes(parsed.phoneNumberIds, { fresh: true });
    if (!signedBy(routes, raw, signature)) return { status: 401, ...none };
  }
  const items = webhookItems(parsed.changes);
  let unknown = items.filter((i) => !routes.has(i.phoneNumberId)).length;
  let stored = 0;
  for (const route of routes.values()) {
    const mine = items.filter((i) => i.phoneNumberId === route.phoneNumberId);
    const n = mine.length ? await storeItems(route, mine, raw, signature) : 0;
    if (n === null) return { status: 401, ...none };
    if (n < 0) unknown += mine.length;
    else stored += n;
  }
  const unknownNumbers = parsed.phoneNumberIds.filter((p) => !routes.has(p)).length;
  if (unknownNumbers || unknown) log.warn({ unknownNumbers, items: unknown }, 'whatsapp webhook for a number no tenant connected: ignored');
  if (stored > 0) kickWhatsappWorker();
  return { status: 200, stored, duplicates: items.length - unknown - stored, unknown };
}

/** One call of the store function; -1 when the cached route is stale (tenant, number or version changed). */
async function storeOnce(route: WebhookRoute, items: WebhookItem[]): Promise<number> {
  const rows = items.map((i) => ({
    external_key: i.externalKey,
    kind: i.kind,
    message_id: i.messageId,
    wa_id: i.waId,
    user_id: i.userId,
    item_type: i.itemType,
    body: i.body,
    details: i.details,
    occurred_at: i.occurredAt,
  }));
  const db = await systemDb();
  const q = sql`select whatsapp_store_inbox(${route.tenantId}::uuid, ${route.phoneNumberId}, ${route.version}, ${JSON.stringify(rows)}::jsonb) as n`;
  const r = (await db.execute(q)) as unknown as { n: number }[] | { rows: { n: number }[] };
  return Number((Array.isArray(r) ? r : r.rows)[0]?.n ?? -1);
}

/**
 * Stores the items of one number: with the cached route, and after a stale answer once more with a fresh lookup —
 * whose app secret must sign the body too (null: it does not, 401). -1: the number is no longer connected.
 */
async function storeItems(route: WebhookRoute, items: WebhookItem[], raw: Buffer, signature: string | null): Promise<number | null> {
  const n = await storeOnce(route, items);
  if (n >= 0) return n;
  const fresh = (await webhookRoutes([route.phoneNumberId], { fresh: true })).get(route.phoneNumberId);
  if (!fresh) return -1;
  if (!signatureMatches(raw, signature, fresh.key)) return null;
  const again = await storeOnce(fresh, items);
  if (again < 0) throw new Error('whatsapp connection changed twice during one delivery');
  return again;
}
