import 'server-only';
import { and, eq } from 'drizzle-orm';
import { contacts } from '@/db/schema';
import type { Tx } from '@/db';
import { contactEvents } from '@/lib/consent/find-contact';
import { DomainError } from '@/lib/errors';
import { sealedInCheckpoints } from './sealed-in';

/**
 * A contact of the tenant with its full event history, each event with `sealedIn` (the checkpoint that sealed it, null
 * while only recorded); "not found" for anything else (including other tenants).
 */
export async function getContact(tx: Tx, tenantId: string, contactId: string) {
  const [contact] = await tx.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  if (!contact) throw new DomainError('notFound', 404);
  const events = await contactEvents(tx, tenantId, contactId);
  const sealed = await sealedInCheckpoints(tx, tenantId, events.map((e) => e.seq));
  return { contact, events: events.map((e) => ({ ...e, sealedIn: e.seq === null ? null : (sealed.get(e.seq) ?? null) })) };
}
