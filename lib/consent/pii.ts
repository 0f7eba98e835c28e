import 'server-only';
import { randomBytes } from 'node:crypto';
import { canonicalJson } from '@/lib/canonical-json';
import { sha256Hex } from '@/lib/crypto';

export type Pii = { name: string | null; phoneE164: string | null; email: string | null };

export function newPiiSalt(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Commitment to the personal data an event was recorded with: SHA-256(salt ‖ canonical(name, phone, email)).
 * Erasing the contact's data and salt leaves the chain verifiable but unlinkable to the person.
 */
export function piiHash(salt: string, pii: Pii): string | null {
  if (!pii.name && !pii.phoneE164 && !pii.email) return null;
  return sha256Hex(salt + canonicalJson({ name: pii.name, phone: pii.phoneE164, email: pii.email }));
}
