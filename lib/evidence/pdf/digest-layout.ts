import { Font } from '@react-pdf/renderer';
import type { DigestData, DigestEntry } from '@/lib/evidence/digest-data';
import type { Locale } from '@/lib/i18n/locales';
import { formatBerlin, formatUtc, type PdfT } from './format';
import { DIGEST_FONT, prepareDigestFonts } from './digest-fonts';

// The digest is laid out here, in plain code, before react-pdf sees it (as the ledger report's table is): every
// decision becomes a known number of lines, each measured and wrapped by hand to fit its column, and the decisions
// are packed into explicit pages with static page numbers. react-pdf then only draws (digest.tsx): no line wraps, no
// page is split. Profiled before, at 1,000 decisions: react-pdf's pagination laid every remaining decision out again
// at each page break (≈ 25 % of the time), ≈ 17,000 styled spans cost a further ≈ 15 % in style resolution, and
// text layout of 1,000 wrapping texts (font shaping, bidi, line breaking per line) the rest.

export const DIGEST_FONT_SIZE = 7.5;
export const DIGEST_MONO_SIZE = 7;
/** Height of one line (absolute: react-pdf inherits a unitless lineHeight as points). */
export const DIGEST_LINE = 9;
/** Space between two decisions (a short line of its own, the rule drawn in its middle). */
export const DIGEST_GAP = 5;
const A4_HEIGHT = 841.89;
const A4_WIDTH = 595.28;
// s.page: paddingTop 40, paddingBottom 50, paddingHorizontal 44.
const CONTENT_HEIGHT = A4_HEIGHT - 40 - 50;
export const CONTENT_WIDTH = A4_WIDTH - 2 * 44;
const LABEL_PAD = 6;
/** Kept free at each line's end: react-pdf counts the line's "\n" as a glyph, and rounding must never wrap a line. */
const SAFETY = 2;
/** Courier's advance is 600/1000 em for every character. */
const MONO_ADVANCE = 0.6 * DIGEST_MONO_SIZE;

export type DigestLine = { label: string; value: string; style: 'head' | 'text' | 'mono' };
export type DigestBlock = { seq: number | null; lines: DigestLine[] };
export type DigestPage = { entries: DigestBlock[]; first: boolean };
/** The pages, the label column's width and the baseline's distance from a line's top (Inter's ascent). */
export type DigestLayout = { labelWidth: number; pages: DigestPage[]; ascent: number };

export type Measure = (text: string) => number;
export type Measurer = { regular: Measure; bold: Measure; ascent: number };

/** Text widths at DIGEST_FONT_SIZE with the fallback stack's advances (the digest fonts have no kerning or shaping). */
async function loadMeasurer(): Promise<Measurer> {
  await prepareDigestFonts();
  const make = (fontWeight: 400 | 700): Measure => {
    const fonts = DIGEST_FONT.map((fontFamily) => Font.getFont({ fontFamily, fontWeight }).data!);
    const cache = new Map<number, number>();
    const advance = (cp: number) => {
      let w = cache.get(cp);
      if (w === undefined) {
        const font = fonts.find((f) => f.hasGlyphForCodePoint(cp)) ?? fonts[0]!;
        w = (font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm) * DIGEST_FONT_SIZE;
        cache.set(cp, w);
      }
      return w;
    };
    return (text) => {
      let total = 0;
      for (const ch of text) total += advance(ch.codePointAt(0)!);
      return total;
    };
  };
  const inter = Font.getFont({ fontFamily: DIGEST_FONT[0]!, fontWeight: 400 }).data!;
  return { regular: make(400), bold: make(700), ascent: (inter.ascent / inter.unitsPerEm) * DIGEST_FONT_SIZE };
}

let measurer: Promise<Measurer> | undefined;
export const digestMeasurer = (): Promise<Measurer> => (measurer ??= loadMeasurer());

/** Breaks a text into lines no wider than `width`: at spaces, and inside a word only when the word alone is too wide. */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (word: string) => {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width) {
      line = candidate;
      return;
    }
    if (line) lines.push(line);
    line = '';
    // A word wider than the line (a long e-mail address): cut it by characters.
    let rest = [...word];
    while (measure(rest.join('')) > width) {
      let n = 1;
      while (n < rest.length && measure(rest.slice(0, n + 1).join('')) <= width) n++;
      lines.push(rest.slice(0, n).join(''));
      rest = rest.slice(n);
    }
    line = rest.join('');
  };
  for (const word of text.split(/ +/)) push(word);
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Breaks a monospaced value (hash, URL) into lines of at most `chars` characters, after a "/" where one is near. */
export function wrapMono(text: string, chars: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > chars) {
    const slash = rest.lastIndexOf('/', chars - 1);
    const cut = slash >= chars * 0.6 ? slash + 1 : chars;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

function entryLines(e: DigestEntry, t: PdfT, locale: Locale, m: Measurer, valueWidth: number): DigestLine[] {
  const monoChars = Math.floor((valueWidth - MONO_ADVANCE) / MONO_ADVANCE);
  const out: DigestLine[] = [];
  const add = (label: string, style: DigestLine['style'], lines: string[]) => lines.forEach((value, i) => out.push({ label: i === 0 ? label : '', value, style }));
  const who = e.contact
    ? [e.contact.name, e.contact.phoneE164, e.contact.email].filter(Boolean).join(' · ') || t('evidence.digest.anonymous')
    : t('evidence.digest.erased');
  const notice = e.notice
    ? `v${e.notice.version} „${e.notice.title}“${e.notice.fromSeq !== null ? ` (${t('evidence.digest.noticeOf', { seq: e.notice.fromSeq })})` : ''}`
    : '–';
  const text = (s: string) => wrapText(s, valueWidth, m.regular);
  // Inter lines first, then the monospaced ones (digest.tsx draws those directly, see there).
  add(`#${e.event.seq}`, 'head', wrapText(`${t(`evidence.type.${e.event.type}`)} · ${formatBerlin(e.event.occurredAt, locale)} (${formatUtc(e.event.occurredAt)})`, valueWidth, m.bold));
  add(t('evidence.digest.who'), 'text', text(who));
  add(t('evidence.digest.notice'), 'text', text(notice));
  add(t('evidence.digest.link'), 'text', text([e.event.linkLabel ?? '–', e.event.ipTruncated, e.event.id].filter(Boolean).join(' · ')));
  if (e.notice?.textHash) add(t('evidence.digest.noticeHash'), 'mono', wrapMono(e.notice.textHash, monoChars));
  add(t('evidence.digest.eventHash'), 'mono', wrapMono(e.event.hash, monoChars));
  add(t('evidence.digest.verify'), 'mono', wrapMono(e.verifyUrl, monoChars));
  return out;
}

/** Height the first page's header takes (title, subtitle, intro, controller block, section title), estimated high. */
function headerHeight(data: DigestData, t: PdfT, intro: string, m: Measurer): number {
  const at9 = (s: string, width: number) => wrapText(s, width / (9 / DIGEST_FONT_SIZE) - SAFETY, m.regular).length;
  const c = data.controller;
  const fields = [c.legalName ?? c.name, c.address, c.representative, [c.dpoName, c.dpoEmail].filter(Boolean).join(', '), c.evidenceEmail, c.contactPhone, c.impressumUrl].filter(
    (v, i) => i < 2 || i === 4 || Boolean(v),
  );
  const fieldLines = fields.reduce((n, v) => n + at9(String(v ?? '–'), CONTENT_WIDTH - 150), 0);
  // title 16 pt + 2, subtitle 10 pt + 10, intro lines + 10, two sections (12 + title ≈ 22 + 5 each), field lines 2 apart.
  const lineAt9 = 11;
  return 22 + 24 + at9(intro, CONTENT_WIDTH) * lineAt9 + 10 + 2 * 39 + fields.length * 2 + fieldLines * lineAt9 + 16;
}

/**
 * Lays the digest out: every decision's lines (measured, wrapped by hand) and the pages they fill, each decision
 * whole on one page. Deterministic: it depends only on the data, the locale and the fonts.
 */
export async function layoutDigest(data: DigestData, t: PdfT, locale: Locale, intro: string): Promise<DigestLayout> {
  const m = await digestMeasurer();
  const labels = (['who', 'notice', 'noticeHash', 'link', 'eventHash', 'verify'] as const).map((k) => m.regular(t(`evidence.digest.${k}`)));
  const seqWidth = m.bold(`#${data.digest.toSeq}`);
  const labelWidth = Math.ceil(Math.max(seqWidth, ...labels)) + LABEL_PAD;
  const valueWidth = CONTENT_WIDTH - labelWidth - SAFETY - m.regular('\n');
  const pages: DigestPage[] = [];
  let page: DigestPage = { entries: [], first: true };
  let room = CONTENT_HEIGHT - headerHeight(data, t, intro, m);
  for (const e of data.entries) {
    const block = { seq: e.event.seq, lines: entryLines(e, t, locale, m, valueWidth) };
    const height = block.lines.length * DIGEST_LINE + DIGEST_GAP;
    if (height > room && page.entries.length > 0) {
      pages.push(page);
      page = { entries: [], first: false };
      room = CONTENT_HEIGHT;
    }
    page.entries.push(block);
    room -= height;
  }
  pages.push(page);
  return { labelWidth, pages, ascent: m.ascent };
}
