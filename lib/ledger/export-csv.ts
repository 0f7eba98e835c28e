import 'server-only';
import type { Tx } from '@/db';
import { iterateEvents, type LedgerRow } from './list-events';
import type { LedgerFilter } from './schemas';

const COLUMNS: [string, (r: LedgerRow) => unknown][] = [
  ['occurred_at_utc', (r) => r.occurredAt.toISOString()],
  ['type', (r) => r.type],
  ['contact_name', (r) => r.contactName],
  ['contact_phone', (r) => r.contactPhone],
  ['contact_email', (r) => r.contactEmail],
  ['contact_status', (r) => r.contactStatus],
  ['link', (r) => r.linkLabel],
  ['notice_version', (r) => r.noticeVersion],
  ['notice_sha256', (r) => r.noticeHash],
  ['language', (r) => r.language],
  ['ip_truncated', (r) => r.ipTruncated],
  ['user_agent', (r) => r.userAgent],
  ['event_id', (r) => r.id],
  ['seq', (r) => r.seq],
  ['hash', (r) => r.hash],
  ['prev_hash', (r) => r.prevHash],
];

const FORMULA = /^[=+\-@\t\r]/;
const QUOTE = /[",\n\r;]/;
const SPECIAL = new RegExp(`${FORMULA.source}|${QUOTE.source}`); // either: most cells need neither, one test decides

/** One CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet does not run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (!SPECIAL.test(s)) return s;
  if (FORMULA.test(s)) s = `'${s}`;
  return QUOTE.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return COLUMNS.map(([name]) => name).join(',') + '\r\n';
}

export function csvRow(r: LedgerRow): string {
  let line = '';
  for (let i = 0; i < COLUMNS.length; i++) line += (i ? ',' : '') + csvCell(COLUMNS[i]![1](r));
  return line + '\r\n';
}

/** The ledger as CSV, produced batch by batch (for a streamed download of any size). */
export async function* ledgerCsv(tx: Tx, tenantId: string, f: LedgerFilter): AsyncGenerator<string> {
  yield '\uFEFF' + csvHeader(); // BOM: Excel opens UTF-8 (umlauts) correctly
  for await (const batch of iterateEvents(tx, tenantId, f)) {
    let chunk = '';
    for (const r of batch) chunk += csvRow(r);
    yield chunk;
  }
}
