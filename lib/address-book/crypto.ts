import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { authSecret } from '@/lib/config';

// Layout of a sealed payload: version byte, 12-byte IV, 16-byte GCM tag, ciphertext of the gzipped JSON.
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a payload belongs: bound into the key (import id) and the GCM additional data (tenant, import, member). */
export type SealContext = { tenantId: string; importId: string; userId: string };

/**
 * The import's AES-256 key, derived with HKDF-SHA256 from AUTH_SECRET (salted with the import id): no second secret
 * to configure and rotate; an import lives at most 24 hours, so a rotation only costs an import in progress.
 */
function importKey(importId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret(), importId, 'einwilligung/address-book-import/v1', 32));
}

const aad = (c: SealContext) => Buffer.from(`${c.tenantId}|${c.importId}|${c.userId}`, 'utf8');

/** Compresses and encrypts `value` (AES-256-GCM) for storage at rest. */
export function sealPayload(value: unknown, c: SealContext): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', importKey(c.importId), iv);
  cipher.setAAD(aad(c));
  const body = Buffer.concat([cipher.update(gzipSync(Buffer.from(JSON.stringify(value), 'utf8'))), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Decrypts a sealed payload; throws when it was changed, or moved to another tenant, import or member. */
export function openPayload<T>(sealed: Uint8Array, c: SealContext): T {
  const buf = Buffer.from(sealed);
  if (buf[0] !== VERSION) throw new Error('address book payload: unknown version');
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', importKey(c.importId), iv);
  decipher.setAAD(aad(c));
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  return JSON.parse(gunzipSync(plain).toString('utf8')) as T;
}
