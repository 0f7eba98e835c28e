import type { PhysicalLine } from './lines';

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
 * MAX_LINES_PER_ROW lines or at the end of the file is reported as malformed at its first line.
 */
export async function* csvRows(lines: AsyncIterable<PhysicalLine> | Iterable<PhysicalLine>, delim: string): AsyncGenerator<CsvEvent> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  let span = 0;
  for await (const { text, line } of lines) {
    if (!quoted) {
      start = line;
      span = 0;
      if (!text.includes('"')) {
        yield { fields: text.split(delim), line };
        continue;
      }
    } else field += '\n';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c !== '"') field += c;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else if (c === delim) {
        fields.push(field);
        field = '';
      } else if (c === '"' && field === '') quoted = true;
      else field += c;
    }
    if (quoted && ++span < MAX_LINES_PER_ROW) continue;
    if (quoted) yield { malformed: start };
    else yield { fields: [...fields, field], line: start };
    fields = [];
    field = '';
    quoted = false;
  }
  if (quoted) yield { malformed: start };
}
