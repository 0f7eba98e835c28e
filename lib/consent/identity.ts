import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { contactIdentities } from '@/db/schema';
import type { Tx } from '@/db';
import { newPiiSalt, piiHash, type Pii } from './pii';

/**
 * Identity versions (DESIGN-NOTES): the personal data one submission recorded, with a salt of its own. Rows are
 * append-only (trigger, migration 0003) except for erasure, which clears data and salt together. Every event names
 * the version its pii_hash commits to, so receipts show the data of *their* event and verification can recompute
 * every commitment (lib/consent/verify-identities.ts).
 */
export type Identity = { id: string; salt: string; pii: Pii };
export type IdentityRow = typeof contactIdentities.$inferSelect;

/** A new identity version for the given data; null for a submission without any personal data (anonymous refusal). */
export function newIdentity(pii: Pii): Identity | null {
  if (!pii.name && !pii.phoneE164 && !pii.email) return null;
  return { id: randomUUID(), salt: newPiiSalt(), pii };
}

export async function insertIdentity(tx: Tx, tenantId: string, contactId: string, identity: Identity) {
  await tx.insert(contactIdentities).values({ tenantId, id: identity.id, contactId, piiSalt: identity.salt, ...identity.pii });
}

/** The event fields that commit to an identity version: its id and the salted hash of its data. */
export function commitmentOf(identity: Identity | null): { identityId: string | null; piiHash: string | null } {
  return identity ? { identityId: identity.id, piiHash: piiHash(identity.salt, identity.pii) } : { identityId: null, piiHash: null };
}

/** A stored version as the commitment it makes now: null data and salt once erased. */
export function storedIdentity(row: IdentityRow): Identity | null {
  if (!row.piiSalt) return null;
  return { id: row.id, salt: row.piiSalt, pii: { name: row.name, phoneE164: row.phoneE164, email: row.email } };
}

/** The contact's latest identity version (a withdrawal or confirmation commits to it), or null (none, or erased). */
export async function latestIdentity(tx: Tx, tenantId: string, contactId: string): Promise<Identity | null> {
  const [row] = await tx
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.tenantId, tenantId), eq(contactIdentities.contactId, contactId)))
    .orderBy(desc(contactIdentities.createdAt))
    .limit(1);
  return row ? storedIdentity(row) : null;
}
