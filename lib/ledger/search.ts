import 'server-only';
import { ilike, or, sql, type SQL } from 'drizzle-orm';
import { consentEvents, contacts } from '@/db/schema';
import type { Tx } from '@/db';

/**
 * Up to this many matching contacts, the ledger looks up their events by contact id; beyond it, matches are common
 * enough that scanning events newest first fills a page sooner (5,000 of 900,000 contacts: a page of 50 within
 * about 9,000 events). Both stay bounded at 1M events where a single plan for every search would not.
 */
export const MAX_CONTACT_IDS = 5000;

/** What the ledger search `q` matches: the name (case-insensitive substring) and, from 4 digits on, the phone. */
export type SearchPatterns = { name: string; phone: string | null };

/** Contacts matching a search: their ids, or `dense` when there are more than MAX_CONTACT_IDS. */
export type ContactMatch = { ids: string[] } | { dense: true };

export function searchPatterns(q: string): SearchPatterns {
  const digits = q.replace(/[^\d]/g, '');
  return {
    name: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    // A national 0171 … finds +49171 …: leading zeros are not part of the E.164 number.
    phone: digits.length >= 4 ? `%${digits.replace(/^0+/, '')}%` : null,
  };
}

/** The search as a row filter on the joined contact (the dense case, and callers that did not resolve a match). */
export function searchFilter(p: SearchPatterns): SQL {
  const byName = ilike(contacts.name, p.name);
  return p.phone ? or(byName, sql`${contacts.phoneE164} like ${p.phone}`)! : byName;
}

/** The search as a condition on consent_events: an index condition on (tenant_id, contact_id) when ids are known. */
export function matchCondition(m: ContactMatch, p: SearchPatterns): SQL {
  if ('dense' in m) return searchFilter(p);
  if (!m.ids.length) return sql`false`;
  // One array parameter rather than thousands of placeholders; uuids need no quoting inside an array literal.
  return sql`${consentEvents.contactId} = any(${`{${m.ids.join(',')}}`}::uuid[])`;
}

/**
 * The contacts of the current tenant matching `q`, through ledger_search_contacts (db/migrations/0002): under
 * row-level security the app role cannot use the trigram indexes (LIKE is not leakproof), the function runs as the
 * owner and scopes to the tenant of the transaction (withTenant) itself.
 */
export async function matchContacts(tx: Tx, q: string, max = MAX_CONTACT_IDS): Promise<ContactMatch> {
  const p = searchPatterns(q);
  const rows = await tx
    .select({ id: sql<string>`id` })
    .from(sql`ledger_search_contacts(${p.name}, ${p.phone}, ${max + 1})`);
  const ids = rows.map((r) => r.id);
  return ids.length > max ? { dense: true } : { ids };
}
