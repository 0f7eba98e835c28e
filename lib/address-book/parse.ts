import 'server-only';
import { DomainError } from '@/lib/errors';
import { detectDelimiter, csvRows } from './parse/csv-tokens';
import { detectCsvLayout, readCsv } from './parse/csv';
import { decodeText, notAContactFile, type ByteSource } from './parse/decode';
import { MAX_CONTACTS } from './parse/limits';
import { lineBatches, type LineBatch } from './parse/lines';
import { numberContext } from './parse/numbers';
import type { ParseResult } from './parse/types';
import { readVcards, type CardSink } from './parse/vcard';

export type { IssueReason, ParsedCard, ParsedNumber, ParseIssue, ParseResult } from './parse/types';
export { ISSUE_REASONS } from './parse/types';
export { MAX_CONTACTS, MAX_FILE_BYTES, MAX_TEL_PER_CARD } from './parse/limits';

type FirstLine = { text: string; line: number; rest: LineBatch };

/** The first line that is not blank, and the batch of the lines after it; the iterator stays open for the rest. */
async function firstContentLine(it: AsyncIterator<LineBatch>): Promise<FirstLine | null> {
  for (let r = await it.next(); !r.done; r = await it.next()) {
    const { first, lines } = r.value;
    const i = lines.findIndex((l) => l.trim() !== '');
    if (i >= 0) return { text: lines[i]!, line: first + i, rest: { first: first + i + 1, lines: lines.slice(i + 1) } };
  }
  return null;
}

async function* rest(it: AsyncIterator<LineBatch>, ...before: LineBatch[]): AsyncGenerator<LineBatch> {
  yield* before;
  for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
}

/** The header row's fields (a header never spans lines in these exports). */
async function headerFields(line: string, delimiter: string): Promise<string[]> {
  for await (const events of csvRows([{ first: 1, lines: [line] }], delimiter)) for (const ev of events) if ('fields' in ev) return ev.fields;
  return [];
}

/**
 * Parses an exported address book — vCard 2.1/3.0/4.0 (iPhone, Android, Samsung, Outlook), Google Contacts CSV or
 * Outlook CSV — streamed chunk by chunk: at most MAX_FILE_BYTES are read (413 beyond, decided while reading), at most
 * MAX_CONTACTS cards (413). A file that starts with neither BEGIN:VCARD nor a known CSV header, an empty one and a
 * binary one are 422 notAContactFile. A malformed card is an issue with its line number and is skipped. Every number
 * is normalised by lib/phone.ts with `region` (default DE) for national numbers.
 */
export async function parseContactFile(
  input: ByteSource,
  opts: { region?: string; onProgress?: (bytesRead: number) => void } = {},
): Promise<ParseResult> {
  const ctx = numberContext(opts.region);
  const lines = lineBatches(decodeText(input, opts.onProgress))[Symbol.asyncIterator]();
  const first = await firstContentLine(lines);
  if (!first) throw notAContactFile();
  const result: ParseResult = { format: 'vcard', cards: [], issues: [] };
  let started = 0;
  const sink: CardSink = {
    started: () => {
      if (++started > MAX_CONTACTS) throw new DomainError('addressBook.tooManyContacts', 413);
    },
    card: (c) => result.cards.push(c),
    issue: (line, reason) => result.issues.push({ line, reason }),
  };
  try {
    if (first.text.trim().toUpperCase() === 'BEGIN:VCARD') {
      await readVcards(rest(lines, { first: first.line, lines: [first.text] }, first.rest), ctx, sink);
      return result;
    }
    const delimiter = detectDelimiter(first.text);
    const layout = detectCsvLayout(await headerFields(first.text, delimiter), delimiter);
    if (!layout) throw notAContactFile();
    result.format = layout.format;
    await readCsv(rest(lines, first.rest), layout, ctx, sink);
    return result;
  } finally {
    await lines.return?.(undefined);
  }
}
