import { and, asc, eq, gt } from 'drizzle-orm';
import { contacts } from '@/db/schema';
import type { Tx } from '@/db';

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');
}

/** vCard 3.0 of one contact, with a note saying since when they consented. */
export function vcard(c: { name: string | null; phoneE164: string | null; email: string | null; statusAt: Date }, tenantName: string): string {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${esc(c.name ?? c.phoneE164 ?? '')}`, `N:${esc(c.name ?? '')};;;;`];
  if (c.phoneE164) lines.push(`TEL;TYPE=CELL:${c.phoneE164}`);
  if (c.email) lines.push(`EMAIL:${esc(c.email)}`);
  lines.push(`NOTE:${esc(`WhatsApp-Einwilligung für ${tenantName} seit ${c.statusAt.toISOString().slice(0, 10)}`)}`, 'END:VCARD');
  return lines.join('\r\n') + '\r\n';
}

/**
 * vCards of the contacts whose current state is opted-in — only consented contacts belong in the company phone's
 * address book. Streamed in batches by id.
 */
export async function* optedInVcards(tx: Tx, tenantId: string, tenantName: string, batchSize = 2000): AsyncGenerator<string> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await tx
      .select({ id: contacts.id, name: contacts.name, phoneE164: contacts.phoneE164, email: contacts.email, statusAt: contacts.statusAt })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.status, 'opted_in'), gt(contacts.id, after)))
      .orderBy(asc(contacts.id))
      .limit(batchSize);
    if (rows.length) yield rows.map((c) => vcard(c, tenantName)).join('');
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.id;
  }
}
