import { createHash } from 'node:crypto';
import { csvCell } from '@/lib/ledger/export-csv';
import type { ImportPayload, StoredCard } from './types';

const line = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';

/** The cleaned book: the original text of every card that may stay, in file order, CRLF between cards. */
export function cleanedVcard(payload: Pick<ImportPayload, 'cards'>): string {
  let out = '';
  for (const c of payload.cards) if (c.list === 'stay') out += c.vcard.endsWith('\r\n') ? c.vcard : `${c.vcard}\r\n`;
  return out;
}

export function sha256Of(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Why a card must go: the number(s) on the "must go" list with the event and its date. */
export function removalReasons(card: StoredCard): { number: string; eventType: string; eventAt: string | null; channel: string | null }[] {
  return card.numbers
    .filter((n) => n.list === 'go' && n.e164)
    .map((n) => ({ number: n.e164!, eventType: n.eventType ?? 'opt_out', eventAt: n.eventAt ?? null, channel: n.channel ?? null }));
}

/** The removal list as CSV (RFC 4180, formulas defused): one row per number that makes a card go. */
export function removalCsv(payload: Pick<ImportPayload, 'cards'>, eventLabel: (type: string) => string): string {
  let out = line(['name', 'number', 'event', 'event_at', 'channel', 'all_numbers', 'line']);
  for (const c of payload.cards) {
    if (c.list !== 'go') continue;
    const all = c.numbers.map((n) => n.e164 ?? n.raw).join(' ');
    for (const r of removalReasons(c)) out += line([c.name ?? '', r.number, eventLabel(r.eventType), r.eventAt ?? '', r.channel ?? '', all, c.line]);
  }
  return out;
}

/** The first valid number of a card: the one its personal invite link is prefilled with. */
export function inviteNumber(card: StoredCard): string | null {
  return card.numbers.find((n) => n.e164)?.e164 ?? null;
}

/** wa.me link that opens a chat with `e164` and the message prefilled. */
export function waMeUrl(e164: string, text: string): string {
  return `https://wa.me/${e164.replace(/^\+/, '')}?text=${encodeURIComponent(text)}`;
}

/** The invite links of "not asked yet" cards as CSV: name, number, link, WhatsApp link with the message. */
export function invitesCsv(rows: { name: string | null; number: string; url: string; waMe: string }[]): string {
  let out = line(['name', 'number', 'link', 'whatsapp']);
  for (const r of rows) out += line([r.name ?? '', r.number, r.url, r.waMe]);
  return out;
}

/** The removal list's rows for the printable PDF. */
export function removalRows(payload: Pick<ImportPayload, 'cards'>): import('./types').RemovalRow[] {
  const rows: import('./types').RemovalRow[] = [];
  for (const c of payload.cards) if (c.list === 'go') for (const r of removalReasons(c)) rows.push({ name: c.name, ...r });
  return rows;
}
