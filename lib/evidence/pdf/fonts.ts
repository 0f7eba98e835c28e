import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Font } from '@react-pdf/renderer';
import { woffToSfnt } from './woff';

/**
 * Inter, shipped in the repo (lib/evidence/pdf/fonts/, SIL OFL) so rendering needs no network. react-pdf has no
 * unicode-range, so each fontsource subset is its own family and text styles list them as a fallback stack: a glyph
 * missing from latin (ł, ő, ş …) comes from latin-ext, Cyrillic names from cyrillic.
 */
export const PDF_FONT = ['Inter', 'InterExt', 'InterCyrillic'];

/**
 * Inter's contextual alternates and ligatures cost most of the shaping time and add nothing to a record (and a
 * ligature can split a word in text extraction); kerning stays.
 */
export const PDF_FONT_FEATURES = { calt: false, liga: false, clig: false, rclt: false };

const FAMILIES = { Inter: 'latin', InterExt: 'latin-ext', InterCyrillic: 'cyrillic' } as const;

// process.cwd() rather than import.meta.url: route handlers run bundled, where module URLs do not point at the source.
const fontDir = () => process.env.PDF_FONT_DIR ?? path.join(process.cwd(), 'lib', 'evidence', 'pdf', 'fonts');

// Each subset gets its own PostScript name (InterExt-Bold …), see woff.ts.
const fontSource = (family: string, subset: string, weight: 400 | 700) => {
  const woff = readFileSync(path.join(fontDir(), `inter-${subset}-${weight}-normal.woff`));
  const sfnt = woffToSfnt(woff, `${family}-${weight === 700 ? 'Bold' : 'Regular'}`);
  return `data:font/ttf;base64,${sfnt.toString('base64')}`;
};

const registered = globalThis as typeof globalThis & { __einwPdfFonts?: boolean; __einwPdfFontsReady?: Promise<void> };

/** Registers the PDF fonts once per process (react-pdf's font store is global; dev reloads re-run modules). */
function registerPdfFonts(): void {
  if (registered.__einwPdfFonts) return;
  for (const [family, subset] of Object.entries(FAMILIES)) {
    Font.register({
      family,
      fonts: [
        { src: fontSource(family, subset, 400), fontWeight: 400 },
        { src: fontSource(family, subset, 700), fontWeight: 700 },
      ],
    });
  }
  // Hashes, URLs and ids must never be split with a hyphen: a hyphenated hash reads like a different value.
  Font.registerHyphenationCallback((word) => [word]);
  registered.__einwPdfFonts = true;
}

/** Loads the registered families and warms their glyph caches (see below); shared with the digest fonts. */
export async function warmGlyphCaches(families: readonly string[] = PDF_FONT): Promise<void> {
  for (const fontFamily of families) {
    for (const fontWeight of [400, 700]) {
      await Font.load({ fontFamily, fontWeight });
      const font = Font.getFont({ fontFamily, fontWeight }).data;
      if (!font) throw new Error(`PDF font ${fontFamily} ${fontWeight} did not load`);
      // fontkit caches a glyph with the characters of its first lookup. When the PDF writer subsets a composite glyph
      // (":" or "…" are built from the period) it looks the components up by id, without characters, and a later "."
      // then reuses that entry: the PDF loses the period's text mapping, so copying or searching drops every ".".
      // Looking every character up once first gives each glyph its characters.
      for (const cp of font.characterSet) font.glyphForCodePoint(cp);
    }
  }
}

/** Registers the fonts and loads them with warmed glyph caches, once per process; await it before rendering. */
export function preparePdfFonts(): Promise<void> {
  registerPdfFonts();
  registered.__einwPdfFontsReady ??= warmGlyphCaches();
  return registered.__einwPdfFontsReady;
}
