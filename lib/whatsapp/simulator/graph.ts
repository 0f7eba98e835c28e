import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { whatsappConnections } from '@/db/schema';
import { systemDb } from '@/lib/db/with-tenant';
import { decryptSecret } from '../secrets';
import { safeEqual } from '../signature';
import { recordSim, takeFailure } from './store';

const ERRORS: Record<number, string> = {
  131047: 'Re-engagement message: more than 24 hours have passed since the recipient last replied to the sender number.',
  131050: 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
  131026: 'Message undeliverable.',
};

/** A wamid-like id. */
export const simMessageId = () => `wamid.SIM${randomBytes(12).toString('hex').toUpperCase()}`;

/**
 * The simulator's stand-in for POST /<version>/<phone_number_id>/messages: checks the phone number id and the bearer
 * token against the connection (as Meta would), records the message, and answers like the Cloud API — or with the
 * error the simulator was told to fail this number with. Returns [HTTP status, JSON].
 */
export async function simulatorGraphSend(phoneNumberId: string, accessToken: string, body: Record<string, unknown>): Promise<[number, unknown]> {
  const db = await systemDb();
  const [conn] = await db
    .select({ tenantId: whatsappConnections.tenantId, accessTokenEnc: whatsappConnections.accessTokenEnc })
    .from(whatsappConnections)
    .where(eq(whatsappConnections.phoneNumberId, phoneNumberId));
  if (!conn) return [400, { error: { message: 'Unsupported post request.', type: 'GraphMethodException', code: 100 } }];
  if (!safeEqual(decryptSecret(conn.accessTokenEnc, conn.tenantId), accessToken))
    return [401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } }];
  const to = String(body.to ?? '');
  const text = String((body.text as { body?: string } | undefined)?.body ?? '');
  if (body.messaging_product !== 'whatsapp' || !/^\d{6,15}$/.test(to) || !text)
    return [400, { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } }];
  const code = takeFailure(to);
  const at = new Date().toISOString();
  if (code !== null) {
    recordSim({ id: '', direction: 'to_contact', phoneNumberId, waId: to, body: text, at, result: String(code) });
    return [400, { error: { message: ERRORS[code] ?? 'Simulated failure', type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: ERRORS[code] ?? '' } } }];
  }
  const id = simMessageId();
  recordSim({ id, direction: 'to_contact', phoneNumberId, waId: to, body: text, at, result: 'accepted' });
  return [200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id }] }];
}

/**
 * The stand-in for GET /<version>/<phone_number_id>?fields=display_phone_number,verified_name ("test connection"):
 * the connection's number for the right token, Graph-shaped errors otherwise. Returns [HTTP status, JSON].
 */
export async function simulatorPhoneNumber(phoneNumberId: string, accessToken: string): Promise<[number, unknown]> {
  const db = await systemDb();
  const [conn] = await db
    .select({ tenantId: whatsappConnections.tenantId, accessTokenEnc: whatsappConnections.accessTokenEnc, displayNumber: whatsappConnections.displayNumber })
    .from(whatsappConnections)
    .where(eq(whatsappConnections.phoneNumberId, phoneNumberId));
  if (!conn) return [400, { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100 } }];
  if (!safeEqual(decryptSecret(conn.accessTokenEnc, conn.tenantId), accessToken))
    return [401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } }];
  return [200, { display_phone_number: conn.displayNumber.replace(/^\+/, ''), verified_name: 'Simulator', id: phoneNumberId }];
}
