import { createHash, createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/** X-Hub-Signature-256 of a raw body: `sha256=` + hex HMAC-SHA256 with the app secret. */
export function signBody(raw: Buffer | string, appSecret: string | KeyObject): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/** Timing-safe check of the header against the raw bytes as received (never re-serialised JSON). */
export function signatureMatches(raw: Buffer, header: string | null, appSecret: string | KeyObject): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = Buffer.from(signBody(raw, appSecret));
  const given = Buffer.from(header.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Constant-time equality of two strings of any length (compares their SHA-256). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
