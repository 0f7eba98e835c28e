import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Font } from '@react-pdf/renderer';
import { woffToSfnt } from './woff';

/**
 * Inter, shipped in the repo (components/pdf/fonts/, SIL OFL) so rendering needs no network. react-pdf has no
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
const fontDir = () => process.env.PDF_FONT_DIR ?? path.join(process.cwd(), 'components', 'pdf', 'fonts');

const fontSource = (file: string) => `data:font/ttf;base64,${woffToSfnt(readFileSync(path.join(fontDir(), file))).toString('base64')}`;

const registered = globalThis as typeof globalThis & { __einwPdfFonts?: boolean };

/** Registers the PDF fonts once per process (react-pdf's font store is global; dev reloads re-run modules). */
export function registerPdfFonts(): void {
  if (registered.__einwPdfFonts) return;
  for (const [family, subset] of Object.entries(FAMILIES)) {
    Font.register({
      family,
      fonts: [
        { src: fontSource(`inter-${subset}-400-normal.woff`), fontWeight: 400 },
        { src: fontSource(`inter-${subset}-700-normal.woff`), fontWeight: 700 },
      ],
    });
  }
  // Hashes, URLs and ids must never be split with a hyphen: a hyphenated hash reads like a different value.
  Font.registerHyphenationCallback((word) => [word]);
  registered.__einwPdfFonts = true;
}
