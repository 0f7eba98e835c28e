import 'server-only';
import { eq } from 'drizzle-orm';
import { whatsappConnections } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto';
import { systemDb } from '@/lib/db/with-tenant';
import { decryptSecret } from './secrets';
import { safeEqual } from './signature';

/**
 * GET /api/whatsapp/webhook (Meta's subscription check): `hub.mode=subscribe` and a `hub.verify_token` some tenant's
 * connection issued → the challenge to echo; anything else → null (403). The token is found by its SHA-256 and then
 * compared in constant time with the decrypted one.
 */
export async function verifyHandshake(params: URLSearchParams): Promise<string | null> {
  const mode = params.get('hub.mode');
  const token = params.get('hub.verify_token');
  const challenge = params.get('hub.challenge');
  if (mode !== 'subscribe' || !token || challenge === null || token.length > 512 || challenge.length > 512) return null;
  const db = await systemDb();
  const [row] = await db
    .select({ tenantId: whatsappConnections.tenantId, verifyTokenEnc: whatsappConnections.verifyTokenEnc })
    .from(whatsappConnections)
    .where(eq(whatsappConnections.verifyTokenHash, sha256Hex(token)));
  if (!row) return null;
  return safeEqual(decryptSecret(row.verifyTokenEnc, row.tenantId), token) ? challenge : null;
}
