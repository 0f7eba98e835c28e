import { authSecret } from '@/lib/config';
import { hmacToken, sha256Hex } from '@/lib/crypto';

/**
 * Public tokens are derived from a row id with the server secret (HMAC-SHA256, 256 bits, URL-safe), and only their
 * SHA-256 is stored: the database alone cannot produce a working link, yet the dashboard can show a link again.
 * Rotating AUTH_SECRET invalidates every link and personal page — rotate only with a plan to re-issue them.
 */
export type TokenPurpose = 'invite' | 'contact' | 'confirm';

export function deriveToken(purpose: TokenPurpose, id: string): string {
  return hmacToken(authSecret(), purpose, id);
}

export function tokenHash(token: string): string {
  return sha256Hex(token);
}

/** Shape of every derived token (base64url of 32 bytes); anything else is rejected before a database lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
