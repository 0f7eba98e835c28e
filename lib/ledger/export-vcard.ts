import 'server-only';
import { and, asc, eq, gt } from 'drizzle-orm';
import { contacts } from '@/db/schema';
import type { Tx } from '@/db';

/**
 * A property value escaped per RFC 6350 §3.4 (and RFC 2426 for vCard 3.0): backslash, comma and semicolon get a
 * backslash, every line break — CRLF, a lone CR or LF, and the Unicode line/paragraph separators — becomes `\n`.
 * A raw CR or LF in a name would otherwise end the property and let the name inject lines, a whole card included.
 * Other control characters have no escape in vCard and are dropped.
 */
export function vcardEscape(v: string): string {
  return v
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\\n')
    .replace(/[,;]/g, '\\$&')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

const FOLD_OCTETS = 75;

/**
 * A content line folded per RFC 6350 §3.2: no physical line longer than 75 octets of UTF-8, each continuation line
 * starting with one space. Folds fall between code points, so a multi-byte character is never split.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= FOLD_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first physical line holds 75 octets; a continuation line 74 after its leading space.
    if (octets + size > (out.length === 0 ? FOLD_OCTETS : FOLD_OCTETS - 1)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** vCard 3.0 of one contact, with a note saying since when they consented. Lines end in CRLF, folded at 75 octets. */
export function vcard(c: { name: string | null; phoneE164: string | null; email: string | null; statusAt: Date }, tenantName: string): string {
  const esc = vcardEscape;
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${esc(c.name ?? c.phoneE164 ?? '')}`, `N:${esc(c.name ?? '')};;;;`];
  if (c.phoneE164) lines.push(`TEL;TYPE=CELL:${esc(c.phoneE164)}`);
  if (c.email) lines.push(`EMAIL:${esc(c.email)}`);
  lines.push(`NOTE:${esc(`WhatsApp-Einwilligung für ${tenantName} seit ${c.statusAt.toISOString().slice(0, 10)}`)}`, 'END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
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
