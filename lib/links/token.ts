import 'server-only';
import { authSecret } from '@/lib/config';
import { hmacToken, randomToken, sha256Hex } from '@/lib/crypto';

/**
 * Public tokens are 256 bits, URL-safe, and looked up by their SHA-256 (`token_hash`), never by the token itself.
 * Invite links get a random token, stored beside its hash (`invite_links.token`) so the dashboard can show a printed
 * or shared link again — and so rotating AUTH_SECRET leaves every link working. Links from before migration 0003 had
 * a token derived from the secret; lib/links/link-token.ts stores it while the secret still produces it.
 * Contact and confirmation tokens are still derived from a row id with the server secret (HMAC-SHA256) and looked up
 * by hash: after a rotation the URLs already mailed still work, but one derived again for an existing contact is a 404.
 */
export type TokenPurpose = 'invite' | 'contact' | 'confirm';

export function deriveToken(purpose: TokenPurpose, id: string): string {
  return hmacToken(authSecret(), purpose, id);
}

/** A new invite-link token: 32 random bytes, independent of any secret. */
export function newInviteToken(): string {
  return randomToken(32);
}

export function tokenHash(token: string): string {
  return sha256Hex(token);
}

/** Shape of every derived token (base64url of 32 bytes); anything else is rejected before a database lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
