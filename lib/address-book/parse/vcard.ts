import type { LineBatch } from './lines';
import { MAX_LINES_PER_CARD, MAX_TEL_PER_CARD } from './limits';
import { cardNumbers, type NumberContext } from './numbers';
import { cleanLabel, cleanName, safeLines } from './text';
import type { IssueReason, ParsedCard } from './types';
import { components, decodeValue, parseProperty, propertyName, unescapeText } from './vcard-values';

/** Properties whose values the import reads; every other one (PHOTO …) is only kept as the card's original lines. */
const READ = new Set(['FN', 'N', 'ORG', 'TEL', 'X-ABLABEL']);

const MARKER_START = /^\s*[BbEe]/;

type Logical = { text: string; read: boolean; qp: boolean; b64: boolean; endsSoftBreak: boolean };

/** One card being read: its original lines, and the logical lines of the properties the import reads. */
class CardReader {
  readonly raw: string[] = [];
  readonly props: string[] = [];
  private current: Logical | null = null;
  tels = 0;
  poisoned: IssueReason | null = null;

  constructor(readonly line: number) {}

  /** Takes one physical line of the card (not BEGIN/END). */
  add(text: string): void {
    if (this.poisoned) return;
    if (this.raw.length >= MAX_LINES_PER_CARD) return this.poison('addressBook.issues.cardTooLarge');
    this.raw.push(text);
    const cur = this.current;
    if (cur && (text.startsWith(' ') || text.startsWith('\t'))) return this.extend(cur, text.slice(1), cur.endsSoftBreak);
    // vCard 2.1 quoted-printable soft line break: the value goes on in the next line, indented or not.
    if (cur?.endsSoftBreak) return this.extend(cur, text, true);
    // vCard 2.1 base64 (PHOTO) continues on unindented lines until a blank line.
    if (cur?.b64 && /^[A-Za-z0-9+/=]+$/.test(text)) return;
    this.flush();
    if (!text.trim()) return;
    const head = propertyName(text);
    const read = !!head && READ.has(head.name);
    const upper = text.slice(0, text.indexOf(':') >>> 0).toUpperCase();
    const qp = upper.includes('QUOTED-PRINTABLE');
    this.current = { text: read ? text : '', read, qp, b64: /BASE64|ENCODING=B\b/.test(upper), endsSoftBreak: qp && text.endsWith('=') };
    if (head?.name === 'TEL' && ++this.tels > MAX_TEL_PER_CARD) this.poison('addressBook.issues.tooManyNumbers');
  }

  private extend(cur: Logical, text: string, softBreak = false): void {
    if (cur.read) cur.text = (softBreak ? cur.text.slice(0, -1) : cur.text) + text;
    cur.endsSoftBreak = cur.qp && text.endsWith('=');
  }

  flush(): void {
    if (this.current?.read) this.props.push(this.current.text);
    this.current = null;
  }

  poison(reason: IssueReason): void {
    this.poisoned = reason;
    this.raw.length = 0;
    this.props.length = 0;
    this.current = null;
  }
}

/** The card's name, numbers and original text, from its read properties. */
function finishCard(reader: CardReader, begin: string, end: string, ctx: NumberContext): ParsedCard {
  reader.flush();
  let fn: string | null = null;
  let n: string | null = null;
  let org: string | null = null;
  const tels: { raw: string; group: string | null; types: string[] }[] = [];
  const labels = new Map<string, string>();
  for (const line of reader.props) {
    const p = parseProperty(line);
    if (!p) continue;
    const v = decodeValue(p);
    if (p.name === 'FN' && fn === null) fn = cleanName(unescapeText(v));
    else if (p.name === 'N' && n === null) n = cleanName(nameFromN(components(v)));
    else if (p.name === 'ORG' && org === null) org = cleanName(components(v)[0]);
    else if (p.name === 'TEL') tels.push({ raw: unescapeText(v), group: p.group, types: p.types });
    else if (p.name === 'X-ABLABEL' && p.group) labels.set(p.group, unescapeText(v));
  }
  const numbers = cardNumbers(
    tels.map((t) => ({ raw: t.raw, label: (t.group && labels.get(t.group)) || typeLabel(t.types) })),
    ctx,
  );
  const vcard = safeLines([begin, ...reader.raw, end].join('\r\n')) + '\r\n';
  return { line: reader.line, name: fn ?? n ?? org, numbers, vcard };
}

/** N = family;given;additional;prefix;suffix, shown as "prefix given additional family suffix". */
function nameFromN(c: string[]): string {
  return [c[3], c[1], c[2], c[0], c[4]].filter((x) => x && x.trim()).join(' ');
}

/** A label from TYPE parameters: "cell", "work", "home,fax"; without the ones that say nothing (pref, voice). */
function typeLabel(types: string[]): string | undefined {
  const t = types.filter((x) => x !== 'pref' && x !== 'voice' && !x.startsWith('x-'));
  return cleanLabel(t.join(',')) ?? undefined;
}

export type CardSink = { card(c: ParsedCard): void; issue(line: number, reason: IssueReason): void; started(): void };

/**
 * Reads vCards from physical lines (any of 2.1, 3.0, 4.0): a card from BEGIN:VCARD to END:VCARD, folded lines,
 * quoted-printable soft breaks and 2.1 base64 blocks joined. A BEGIN inside a card, a missing END, too many numbers
 * or lines make that card an issue at its BEGIN line; reading goes on with the next card. Lines between cards are
 * ignored.
 */
export async function readVcards(batches: AsyncIterable<LineBatch>, ctx: NumberContext, sink: CardSink): Promise<void> {
  let reader: CardReader | null = null;
  let begin = '';
  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      // BEGIN:VCARD / END:VCARD are short, and no other letter upper-cases to their B or E: most lines allocate nothing.
      const marker = text.length <= 40 && MARKER_START.test(text) ? text.trim().toUpperCase() : '';
      if (marker === 'BEGIN:VCARD') {
        if (reader) sink.issue(reader.line, reader.poisoned ?? 'addressBook.issues.unterminatedCard');
        sink.started();
        reader = new CardReader(first + i);
        begin = text;
      } else if (reader && marker === 'END:VCARD') {
        if (reader.poisoned) sink.issue(reader.line, reader.poisoned);
        else sink.card(finishCard(reader, begin, text, ctx));
        reader = null;
      } else reader?.add(text);
    }
  }
  if (reader) sink.issue(reader.line, reader.poisoned ?? 'addressBook.issues.unterminatedCard');
}
