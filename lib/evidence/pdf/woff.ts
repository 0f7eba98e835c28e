import { inflateSync } from 'node:zlib';

/**
 * Rewrites the PostScript name (nameID 6) of a `name` table. The fontsource subsets of Inter all call themselves
 * "Inter-Regular"; the PDF writer dedupes embedded fonts by that name, so a text switching between subsets (a name
 * with "ł" or Cyrillic letters) would embed a fresh copy of the subset font at every switch.
 */
function renamePostscript(table: Buffer, postscriptName: string): Buffer {
  const count = table.readUInt16BE(2);
  const stringOffset = table.readUInt16BE(4);
  const records = Array.from({ length: count }, (_, i) => {
    const o = 6 + i * 12;
    const [platformID, encodingID, languageID, nameID, length, offset] = [0, 2, 4, 6, 8, 10].map((k) => table.readUInt16BE(o + k)) as [number, number, number, number, number, number];
    const value =
      nameID !== 6
        ? table.subarray(stringOffset + offset, stringOffset + offset + length)
        : platformID === 1
          ? Buffer.from(postscriptName, 'latin1')
          : Buffer.from(postscriptName, 'utf16le').swap16(); // UTF-16BE
    return { platformID, encodingID, languageID, nameID, value };
  });
  const header = Buffer.alloc(6 + count * 12);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(count, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  records.forEach((r, i) => {
    const o = 6 + i * 12;
    [r.platformID, r.encodingID, r.languageID, r.nameID, r.value.length, offset].forEach((v, k) => header.writeUInt16BE(v, o + k * 2));
    offset += r.value.length;
  });
  return Buffer.concat([header, ...records.map((r) => r.value)]);
}

/**
 * WOFF 1.0 → plain sfnt (TrueType) bytes, optionally under another PostScript name. fontkit inflates a WOFF table
 * on every access, i.e. the whole glyf table once per glyph lookup; unpacking once at start-up makes a render
 * several times cheaper (bench/pdf.ts).
 */
export function woffToSfnt(woff: Buffer, postscriptName?: string): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const numTables = woff.readUInt16BE(12);
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(woff.readUInt32BE(4), 0); // flavor
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const [tag, start, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((k) => woff.readUInt32BE(entry + k)) as [number, number, number, number, number];
    const raw = woff.subarray(start, start + compLength);
    let data = compLength < origLength ? inflateSync(raw) : raw;
    if (postscriptName && woff.toString('latin1', entry, entry + 4) === 'name') data = renamePostscript(data, postscriptName);
    const dir = 12 + i * 16;
    header.writeUInt32BE(tag, dir);
    header.writeUInt32BE(checksum, dir + 4); // not re-computed after a rename: neither fontkit nor the PDF writer checks it
    header.writeUInt32BE(offset, dir + 8);
    header.writeUInt32BE(data.length, dir + 12);
    const padded = Buffer.alloc((data.length + 3) & ~3); // tables start on 4-byte boundaries
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  }
  return Buffer.concat([header, ...bodies]);
}
