import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Font } from '@react-pdf/renderer';
import { preparePdfFonts, warmGlyphCaches } from './fonts';
import { woffToSfnt } from './woff';

/**
 * The digest's fonts: the same Inter subsets as PDF_FONT, without their OpenType layout tables (GSUB, GPOS, GDEF).
 * Shaping through those tables was the largest single cost of a 1,000-decision digest (fontkit runs every lookup of
 * every default feature per run of text, even with ligatures and kerning turned off); without them a glyph is its
 * character's cmap entry at its advance width, which is all a record of names, numbers and dates needs. The
 * measured line widths (digest-layout.ts) are then exact as well.
 */
export const DIGEST_FONT = ['InterDigest', 'InterDigestExt', 'InterDigestCyrillic'];

const FAMILIES = { InterDigest: 'latin', InterDigestExt: 'latin-ext', InterDigestCyrillic: 'cyrillic' } as const;
const DROP = new Set(['GSUB', 'GPOS', 'GDEF']);

/** An sfnt without the tables named in DROP (table data copied unchanged, directory rebuilt). */
export function withoutLayoutTables(sfnt: Buffer): Buffer {
  const numTables = sfnt.readUInt16BE(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const dir = 12 + i * 16;
    const [offset, length] = [sfnt.readUInt32BE(dir + 8), sfnt.readUInt32BE(dir + 12)];
    return { tag: sfnt.toString('latin1', dir, dir + 4), checksum: sfnt.readUInt32BE(dir + 4), data: sfnt.subarray(offset, offset + length) };
  }).filter((t) => !DROP.has(t.tag));
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= tables.length) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * tables.length);
  header.writeUInt32BE(sfnt.readUInt32BE(0), 0);
  header.writeUInt16BE(tables.length, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(tables.length * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((t, i) => {
    const dir = 12 + i * 16;
    header.write(t.tag, dir, 'latin1');
    header.writeUInt32BE(t.checksum, dir + 4);
    header.writeUInt32BE(offset, dir + 8);
    header.writeUInt32BE(t.data.length, dir + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

// As fonts.ts: process.cwd() rather than import.meta.url (bundled route handlers), PDF_FONT_DIR to override.
const fontDir = () => process.env.PDF_FONT_DIR ?? path.join(process.cwd(), 'lib', 'evidence', 'pdf', 'fonts');

const fontSource = (family: string, subset: string, weight: 400 | 700) => {
  const woff = readFileSync(path.join(fontDir(), `inter-${subset}-${weight}-normal.woff`));
  // A PostScript name of its own: the PDF writer dedupes embedded fonts by it (see woff.ts).
  const sfnt = withoutLayoutTables(woffToSfnt(woff, `${family}-${weight === 700 ? 'Bold' : 'Regular'}`));
  return `data:font/ttf;base64,${sfnt.toString('base64')}`;
};

const state = globalThis as typeof globalThis & { __einwDigestFonts?: Promise<void> };

async function load(): Promise<void> {
  await preparePdfFonts(); // the hyphenation callback, and Courier needs nothing
  for (const [family, subset] of Object.entries(FAMILIES)) {
    Font.register({
      family,
      fonts: [
        { src: fontSource(family, subset, 400), fontWeight: 400 },
        { src: fontSource(family, subset, 700), fontWeight: 700 },
      ],
    });
  }
  // The glyph cache warm-up of fonts.ts, for the same reason (composite glyphs losing their text mapping).
  await warmGlyphCaches(DIGEST_FONT);
}

/** Registers and loads the digest fonts once per process; await it before laying out or rendering a digest. */
export function prepareDigestFonts(): Promise<void> {
  return (state.__einwDigestFonts ??= load());
}
