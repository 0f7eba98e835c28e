import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { whatsappConnections, whatsappKeywords } from '@/db/schema';
import type { Tx } from '@/db';
import { DatabaseError } from '@/db/safe-errors';
import { pipelined } from '@/lib/db/pipelined';
import { DomainError } from '@/lib/errors';
import { graphBaseUrl, graphVersion, SIMULATOR } from './config';
import { connectionSummary, connectWhatsapp, type ConnectInput } from './connect';
import { DEFAULT_KEYWORDS } from './keywords';
import { listReviewMessages } from './review-list';
import { decryptSecret } from './secrets';
import { safeEqual } from './signature';

/**
 * The settings page's use cases around connect.ts (issue #17): connecting with a clear refusal when another company
 * already connected the phone number id, the verify token to paste into Meta, and "test connection".
 */

/**
 * Connects the number; a phone_number_id another tenant holds is a 409 with a field error, not a 500. While the app
 * talks to the built-in simulator (development, tests), the number is a simulated one: /dev/whatsapp lists it.
 */
export async function connectFromSettings(tx: Tx, tenantId: string, userId: string, input: ConnectInput) {
  const base = graphBaseUrl();
  const simulated = base === SIMULATOR || base.endsWith('/dev/whatsapp/graph');
  try {
    return await connectWhatsapp(tx, tenantId, input, { userId, simulated });
  } catch (err) {
    if (err instanceof DatabaseError && err.constraint === 'whatsapp_connections_phone_number_id_key')
      throw new DomainError('whatsappUi.settings.errors.phoneNumberIdTaken', 409, { phoneNumberId: 'whatsappUi.settings.errors.phoneNumberIdTaken' });
    throw err;
  }
}

/** The verify token for Meta's webhook form (stored encrypted; not a credential for the Graph API). */
export async function verifyTokenOf(tx: Tx, tenantId: string): Promise<string | null> {
  const [c] = await tx.select({ enc: whatsappConnections.verifyTokenEnc }).from(whatsappConnections).where(eq(whatsappConnections.tenantId, tenantId));
  return c ? decryptSecret(c.enc, tenantId) : null;
}

export type ConnectionTest = { ok: true; displayNumber: string | null; verifiedName: string | null } | { ok: false; status: number; message: string };

/**
 * "Test connection": GET <WHATSAPP_GRAPH_URL>/<version>/<phone_number_id>?fields=display_phone_number,verified_name
 * with the stored access token (the simulator checks id and token against the connection, as Meta would). The result
 * is stored (last test time, ok); the access token never leaves this function.
 */
export async function testConnection(tx: Tx, tenantId: string): Promise<ConnectionTest> {
  const [c] = await tx.select().from(whatsappConnections).where(eq(whatsappConnections.tenantId, tenantId));
  if (!c) throw new DomainError('whatsappUi.settings.errors.notConnected', 409);
  const token = decryptSecret(c.accessTokenEnc, tenantId);
  const result = graphBaseUrl() === SIMULATOR ? await simulatorPhoneNumber(tx, c.phoneNumberId, token) : await graphPhoneNumber(c.phoneNumberId, token);
  await tx
    .update(whatsappConnections)
    .set({ lastTestAt: sql`now()`, lastTestOk: result.ok })
    .where(eq(whatsappConnections.tenantId, tenantId));
  return result;
}

async function graphPhoneNumber(phoneNumberId: string, token: string): Promise<ConnectionTest> {
  const url = `${graphBaseUrl()}/${graphVersion()}/${encodeURIComponent(phoneNumberId)}?fields=display_phone_number,verified_name`;
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    const json = (await res.json().catch(() => null)) as { display_phone_number?: string; verified_name?: string; error?: { message?: string } } | null;
    if (res.ok) return { ok: true, displayNumber: json?.display_phone_number ?? null, verifiedName: json?.verified_name ?? null };
    return { ok: false, status: res.status, message: String(json?.error?.message ?? `HTTP ${res.status}`).slice(0, 300) };
  } catch (err) {
    return { ok: false, status: 0, message: err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'network error' };
  }
}

/** The built-in simulator's answer to the same request: the number id must be connected and the token its own. */
async function simulatorPhoneNumber(tx: Tx, phoneNumberId: string, token: string): Promise<ConnectionTest> {
  const [c] = await tx
    .select({ tenantId: whatsappConnections.tenantId, enc: whatsappConnections.accessTokenEnc, displayNumber: whatsappConnections.displayNumber })
    .from(whatsappConnections)
    .where(eq(whatsappConnections.phoneNumberId, phoneNumberId));
  if (!c) return { ok: false, status: 400, message: 'Unsupported get request.' };
  if (!safeEqual(decryptSecret(c.enc, c.tenantId), token)) return { ok: false, status: 401, message: 'Invalid OAuth access token.' };
  return { ok: true, displayNumber: c.displayNumber, verifiedName: 'Simulator' };
}

/** Everything the settings page shows, in one tenant transaction: never a secret but the verify token. */
export async function whatsappSettingsData(tx: Tx, tenantId: string) {
  const [connection, verifyToken, review, rows] = await pipelined([
    connectionSummary(tx, tenantId),
    verifyTokenOf(tx, tenantId),
    listReviewMessages(tx, tenantId),
    tx.select({ kind: whatsappKeywords.kind, keyword: whatsappKeywords.keyword }).from(whatsappKeywords).where(eq(whatsappKeywords.tenantId, tenantId)),
  ]);
  const own = { withdraw: rows.filter((r) => r.kind === 'withdraw').map((r) => r.keyword), start: rows.filter((r) => r.kind === 'start').map((r) => r.keyword) };
  return { connection, verifyToken, review, keywords: { own, defaults: DEFAULT_KEYWORDS } };
}
