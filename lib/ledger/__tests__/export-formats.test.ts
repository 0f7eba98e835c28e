import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader } from '../export-csv';
import { foldLine, vcard } from '../export-vcard';

const statusAt = new Date('2026-11-30T10:00:00Z');
const card = (name: string, extra: { email?: string | null } = {}) => vcard({ name, phoneE164: '+491712345678', email: extra.email ?? null, statusAt }, 'Muster GmbH');

/** RFC 6350 §3.2 unfolding, then the content lines. */
const contentLines = (v: string) => v.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
/** RFC 6350 §3.4 unescaping of one text value. */
const unescape = (v: string) => v.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const physicalLines = (v: string) => v.split('\r\n').filter(Boolean);

describe('vCard export (RFC 6350)', () => {
  const HOSTILE = [
    'Eve\rMallory',
    'Eve\r\nMallory',
    'Eve\nMallory',
    'Eve\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Injected\r\nTEL:+4917099999999',
    'Müller, Hans; Dr.',
    'back\\slash\\n',
  ];

  it.each(HOSTILE)('a hostile name stays inside its own FN and N values: %j', (name) => {
    const v = card(name);
    const lines = contentLines(v);
    expect(lines.filter((l) => l === 'BEGIN:VCARD')).toHaveLength(1);
    expect(lines.filter((l) => l === 'END:VCARD')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('TEL'))).toEqual(['TEL;TYPE=CELL:+491712345678']);
    expect(lines.map((l) => l.split(':')[0]!.split(';')[0])).toEqual(['BEGIN', 'VERSION', 'FN', 'N', 'TEL', 'NOTE', 'END']);
    // Every line break of any kind becomes \n; nothing else of the name is lost.
    const expected = name.replace(/\r\n|\r/g, '\n');
    expect(unescape(lines.find((l) => l.startsWith('FN:'))!.slice(3))).toBe(expected);
    // N: the family-name component, its commas and semicolons escaped so the structure keeps its 5 components.
    const n = lines.find((l) => l.startsWith('N:'))!.slice(2);
    expect(n.split(/(?<!\\);/)).toHaveLength(5);
    expect(unescape(n.split(/(?<!\\);/)[0]!)).toBe(expected);
    expect(v.endsWith('\r\n')).toBe(true);
    expect(v.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF anywhere
  });

  it('folds long UTF-8 lines at 75 octets without splitting a character, and unfolding restores them', () => {
    const name = 'Ärztin Zoë Öztürk-Müller 李小龍 😀 '.repeat(6).trim();
    const v = card(name, { email: `${'sehr-lang'.repeat(10)}@example.com` });
    for (const line of physicalLines(v)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    // Decoding every physical line alone must not produce a replacement character: no multi-byte char was cut.
    for (const line of physicalLines(v)) expect(Buffer.from(line, 'utf8').toString('utf8')).not.toContain('\ufffd');
    expect(unescape(contentLines(v).find((l) => l.startsWith('FN:'))!.slice(3))).toBe(name);
    expect(physicalLines(v).filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
  });

  it('foldLine: 75 octets on the first line, a space and ≤ 74 octets on each continuation', () => {
    const line = 'X'.repeat(75 + 74 + 10);
    const folded = foldLine(line).split('\r\n');
    expect(folded.map((l) => l.length)).toEqual([75, 75, 11]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(foldLine('short')).toBe('short');
  });
});

/** A minimal RFC 4180 parser for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (c === '\r' || c === '\n') throw new Error(`bare line break outside quotes at ${i}`);
    else field += c;
  }
  return rows;
}

describe('CSV export (RFC 4180 + formula guard)', () => {
  const values = ['plain', 'Müller, Hans', 'say "hi"', 'two\r\nlines', 'lone\rCR', 'lone\nLF', 'semi;colon', '=cmd|" /C calc"!A0', '+49171', '-1+1', '@SUM(A1)', '\t=tab', '\r=cr', '', 'END:VCARD\r\nBEGIN:VCARD'];
  const line = values.map(csvCell).join(',') + '\r\n';

  it('quotes what needs it, doubles quotes, keeps every record on one CRLF-terminated record', () => {
    const rows = parseCsv(csvHeader() + line);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(values.length);
    const expected = values.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v));
    expect(rows[1]).toEqual(expected);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
  });

  it('defuses formulas: no cell starts with = + - @ tab or CR', () => {
    for (const cell of parseCsv(line)[0]!) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
