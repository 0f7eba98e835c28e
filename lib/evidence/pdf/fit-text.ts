import { Font } from '@react-pdf/renderer';
import { PDF_FONT, preparePdfFonts } from './fonts';

/** Shortens a text with "…" until it fits `width` points at the fitter's font size. */
export type FitText = (text: string, width: number) => string;

/** A fitter that only cuts at a character count (tests and previews; the report renders with measuredFitter). */
export const charFitter =
  (pointsPerChar: number): FitText =>
  (text, width) => {
    const max = Math.floor(width / pointsPerChar);
    return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
  };

/**
 * A fitter that measures with the regular Inter fonts' advance widths (the fallback stack included; the report
 * table turns kerning off, so advances are exact) and leaves room for a line's trailing newline.
 */
export async function measuredFitter(fontSize: number): Promise<FitText> {
  await preparePdfFonts();
  const fonts = PDF_FONT.map((fontFamily) => Font.getFont({ fontFamily, fontWeight: 400 }).data!);
  const cache = new Map<number, number>();
  const advance = (cp: number) => {
    let w = cache.get(cp);
    if (w === undefined) {
      const font = fonts.find((f) => f.hasGlyphForCodePoint(cp)) ?? fonts[0]!;
      w = (font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm) * fontSize;
      cache.set(cp, w);
    }
    return w;
  };
  const ellipsis = advance(0x2026);
  // Table cells are lines of one newline-joined text, and react-pdf counts the "\n" as a glyph of the line.
  const newline = advance(0x0a);
  return (text, columnWidth) => {
    const width = columnWidth - newline;
    let total = 0;
    const chars = [...text];
    for (const ch of chars) total += advance(ch.codePointAt(0)!);
    if (total <= width) return text;
    let used = ellipsis;
    let cut = 0;
    while (cut < chars.length && used + advance(chars[cut]!.codePointAt(0)!) <= width) used += advance(chars[cut++]!.codePointAt(0)!);
    return `${chars.slice(0, cut).join('')}…`;
  };
}
