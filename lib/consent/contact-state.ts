import 'server-only';
import { and, eq } from 'drizzle-orm';
import { contacts } from '@/db/schema';
import type { Tx } from '@/db';
import { deriveToken, tokenHash } from '@/lib/links/token';
import type { ContactStatus } from './types';

/** The contact's current state, updated in the same transaction as the event that changes it. */
export async function setContactStatus(
  tx: Tx,
  c: { tenantId: string; id: string },
  status: ContactStatus,
  at: Date,
  extra: Partial<typeof contacts.$inferInsert> = {},
) {
  await tx
    .update(contacts)
    .set({ ...extra, status, statusAt: at, updatedAt: at })
    .where(and(eq(contacts.tenantId, c.tenantId), eq(contacts.id, c.id)));
}

/** The contact's personal link token (withdraw, receipt): derived from the id, so it can always be shown again. */
export function contactToken(contactId: string): string {
  return deriveToken('contact', contactId);
}

export function contactTokenHash(contactId: string): string {
  return tokenHash(contactToken(contactId));
}
