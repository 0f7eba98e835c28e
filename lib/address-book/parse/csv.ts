import { foldLine, vcardEscape } from '@/lib/ledger/export-vcard';
import { csvRows, type CsvRow } from './csv-tokens';
import type { LineBatch } from './lines';
import { cardNumbers, type NumberContext } from './numbers';
import { cleanName } from './text';
import type { CardSink } from './vcard';
import type { ParsedCard, ParsedNumber } from './types';

type Col = { index: number; label?: string; labelIndex?: number };
/** Where a CSV export keeps what the import reads. */
export type CsvLayout = {
  format: 'google-csv' | 'outlook-csv';
  delimiter: string;
  fullName: number[]; // a whole-name column (Google's old "Name"), first non-empty wins
  nameParts: number[]; // given, middle, family … joined
  given: number[];
  family: number[];
  org: number[];
  phones: Col[];
  emails: number[];
};

const norm = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');
const find = (headers: string[], ...names: string[]) => names.map((n) => headers.indexOf(n)).filter((i) => i >= 0);

/**
 * The layout of a Google Contacts CSV ("Phone 1 - Value", old and new header sets) or an Outlook CSV (English or
 * German headers: "Mobile Phone", "Mobiltelefon", "Telefon geschäftlich" …); null for any other header.
 */
export function detectCsvLayout(headerFields: string[], delimiter: string): CsvLayout | null {
  const h = headerFields.map(norm);
  const googlePhones = h.flatMap((name, index) => {
    const m = /^phone (\d+) - value$/.exec(name);
    if (!m) return [];
    const [labelIndex] = find(h, `phone ${m[1]} - label`, `phone ${m[1]} - type`);
    return [{ index, labelIndex }];
  });
  if (googlePhones.length) {
    return {
      format: 'google-csv', delimiter, fullName: find(h, 'name'), phones: googlePhones,
      nameParts: find(h, 'name prefix', 'first name', 'given name', 'middle name', 'additional name', 'last name', 'family name', 'name suffix'),
      given: find(h, 'first name', 'given name'),
      family: find(h, 'last name', 'family name'),
      org: find(h, 'organization name', 'organization 1 - name', 'nickname', 'file as'),
      emails: h.flatMap((name, i) => (/^e-mail \d+ - value$/.test(name) ? [i] : [])),
    };
  }
  const outlookPhones = h.flatMap((name, index) =>
    /phone|telefon|mobil|handy/.test(name) && !/fax|pager|telex|tty|callback|rückmeldung/.test(name) ? [{ index, label: headerFields[index]!.trim() }] : [],
  );
  const nameParts = find(h, 'title', 'anrede', 'first name', 'vorname', 'middle name', 'weitere vornamen', 'last name', 'nachname', 'suffix');
  if (!outlookPhones.length || !nameParts.length) return null;
  return {
    format: 'outlook-csv', delimiter, fullName: find(h, 'name', 'display name', 'anzeigename'), nameParts, phones: outlookPhones,
    given: find(h, 'first name', 'vorname'),
    family: find(h, 'last name', 'nachname'),
    org: find(h, 'company', 'firma'),
    emails: h.flatMap((name, i) => (/^(e-mail( \d)? address|e-mail-adresse( \d)?)$/.test(name) ? [i] : [])),
  };
}

const at = (row: string[], i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());

/** One CSV row as a card: name, numbers (Google joins several values of one field with " ::: "), a vCard 3.0. */
function rowCard(row: CsvRow, layout: CsvLayout, ctx: NumberContext): ParsedCard | null {
  const f = row.fields;
  if (f.every((v) => !v.trim())) return null;
  const full = layout.fullName.map((i) => at(f, i)).find(Boolean) ?? '';
  const parts = layout.nameParts.map((i) => at(f, i)).filter(Boolean).join(' ');
  const org = layout.org.map((i) => at(f, i)).find(Boolean) ?? '';
  const name = cleanName(full) ?? cleanName(parts) ?? cleanName(org);
  const tels = layout.phones.flatMap((c) =>
    at(f, c.index)
      .split(':::')
      .map((raw) => ({ raw, label: c.label ?? (at(f, c.labelIndex).replace(/^\*\s*/, '') || undefined) })),
  );
  const numbers = cardNumbers(tels, ctx);
  const emails = layout.emails.flatMap((i) => at(f, i).split(':::').map((e) => e.trim())).filter(Boolean);
  const n = { family: layout.family.map((i) => at(f, i)).find(Boolean) ?? '', given: layout.given.map((i) => at(f, i)).find(Boolean) ?? '' };
  return { line: row.line, name, numbers, vcard: buildVcard(name, n, org, numbers, emails) };
}

const TYPE_WORDS: [RegExp, string][] = [
  [/mobil|cell|handy/i, 'CELL'],
  [/work|business|geschäft|büro|firma|company/i, 'WORK'],
  [/home|privat/i, 'HOME'],
];

/** A vCard 3.0 of a CSV row; every value escaped (vcardEscape), so no field can start a line of its own. */
function buildVcard(name: string | null, n: { family: string; given: string }, org: string, numbers: ParsedNumber[], emails: string[]): string {
  const esc = (v: string) => vcardEscape(cleanName(v) ?? '');
  const structured = n.family || n.given ? `N:${esc(n.family)};${esc(n.given)};;;` : `N:;${esc(name ?? '')};;;`;
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${vcardEscape(name ?? '')}`, structured];
  if (org) lines.push(`ORG:${vcardEscape(org)}`);
  numbers.forEach((n, i) => {
    const type = TYPE_WORDS.find(([re]) => re.test(n.label ?? ''))?.[1] ?? 'VOICE';
    lines.push(`item${i + 1}.TEL;TYPE=${type}:${vcardEscape(n.raw)}`);
    if (n.label) lines.push(`item${i + 1}.X-ABLabel:${vcardEscape(n.label)}`);
  });
  for (const e of emails) lines.push(`EMAIL;TYPE=INTERNET:${vcardEscape(e)}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Reads the rows after the header of a recognised CSV export into cards; malformed rows become issues. */
export async function readCsv(batches: AsyncIterable<LineBatch>, layout: CsvLayout, ctx: NumberContext, sink: CardSink): Promise<void> {
  for await (const events of csvRows(batches, layout.delimiter)) {
    for (const ev of events) {
      if ('malformed' in ev) {
        sink.started();
        sink.issue(ev.malformed, 'addressBook.issues.malformedRow');
        continue;
      }
      const card = rowCard(ev, layout, ctx);
      if (!card) continue;
      sink.started();
      sink.card(card);
    }
  }
}
