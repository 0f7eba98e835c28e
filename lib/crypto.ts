import 'server-only';
import { createHash, createHmac, hash as oneShotHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits) from the CSPRNG, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 as hex, in one call where Node has crypto.hash (≥ 20.12; a Hash object per digest before). */
export function sha256Hex(input: string | Buffer): string {
  return typeof oneShotHash === 'function' ? oneShotHash('sha256', input, 'hex') : createHash('sha256').update(input).digest('hex');
}

export function hmacToken(secret: string, purpose: string, id: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${id}`).digest('base64url');
}
