import type { LineBatch } from './lines';

export type CsvRow = { fields: string[]; line: number };
export type CsvEvent = CsvRow | { malformed: number };

/** Rows longer than this many lines are an unterminated quote, not an address: reported and skipped. */
const MAX_LINES_PER_ROW = 500;

/** The field separator of a header line: comma, semicolon (German Excel/Outlook) or tab (Outlook "Unicode text"). */
export function detectDelimiter(header: string): ',' | ';' | '\t' {
  const count = (c: string) => header.split(c).length - 1;
  const [best] = ([',', ';', '\t'] as const).map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return best![1] > 0 ? best![0] : ',';
}

/**
 * RFC 4180 rows from physical lines: quoted fields with doubled quotes, separators and line breaks inside (a line
 * break inside a field becomes "\n"), a quote inside an unquoted field taken literally. A row still open after
 * MAX_LINES_PER_ROW lines or at the end of the file is reported as malformed at its first line. One array of rows
 * per batch of lines.
 */
export async function* csvRows(batches: AsyncIterable<LineBatch> | Iterable<LineBatch>, delim: string): AsyncGenerator<CsvEvent[]> {
  const row = { fields: [] as string[], field: '', quoted: false, start: 0, span: 0 };
  for await (const { first, lines } of batches) {
    const out: CsvEvent[] = [];
    for (let i = 0; i < lines.length; i++) {
      const ev = csvLine(row, lines[i]!, first + i, delim);
      if (ev) out.push(ev);
    }
    yield out;
  }
  if (row.quoted) yield [{ malformed: row.start }];
}

type RowState = { fields: string[]; field: string; quoted: boolean; start: number; span: number };

/** Feeds one physical line to the row being read; returns the row (or a malformed one) when it ends here. */
function csvLine(row: RowState, text: string, line: number, delim: string): CsvEvent | null {
  if (!row.quoted) {
    row.start = line;
    row.span = 0;
    if (!text.includes('"')) return { fields: text.split(delim), line };
  } else row.field += '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (row.quoted) {
      if (c !== '"') row.field += c;
      else if (text[i + 1] === '"') {
        row.field += '"';
        i++;
      } else row.quoted = false;
    } else if (c === delim) {
      row.fields.push(row.field);
      row.field = '';
    } else if (c === '"' && row.field === '') row.quoted = true;
    else row.field += c;
  }
  if (row.quoted && ++row.span < MAX_LINES_PER_ROW) return null;
  const ev: CsvEvent = row.quoted ? { malformed: row.start } : { fields: [...row.fields, row.field], line: row.start };
  row.fields = [];
  row.field = '';
  row.quoted = false;
  return ev;
}
