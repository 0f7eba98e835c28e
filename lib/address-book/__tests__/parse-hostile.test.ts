import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseContactFile } from '../parse';

const enc = (s: string) => new TextEncoder().encode(s);
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, 'fixtures', name)));

/** A stream of `total` bytes made on demand from `piece`, counting what was pulled. */
function generated(piece: Uint8Array, total: number) {
  const counter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (counter.pulled >= total) return c.close();
      counter.pulled += piece.byteLength;
      c.enqueue(piece);
    },
    cancel() {
      counter.cancelled = true;
    },
  });
  return { stream, counter };
}

/** The bytes as a stream of `size`-byte chunks. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

describe('parseContactFile: hostile and broken input', () => {
  it('a 50 MB file is refused with 413 while streaming, after at most the limit plus one chunk', async () => {
    // Cards of ~2 kB (a NOTE), so the 10 MB limit comes before the 20,000-contact one.
    const card = enc(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Groß\r\nTEL:+49 171 2345678\r\nNOTE:${'x'.repeat(2000)}\r\nEND:VCARD\r\n`.repeat(50));
    const { stream, counter } = generated(card, 50 * 1024 * 1024);
    await expect(parseContactFile(stream)).rejects.toMatchObject({ code: 'addressBook.tooLarge', status: 413 });
    expect(counter.pulled).toBeLessThan(MAX_FILE_BYTES + 2 * card.byteLength);
    expect(counter.cancelled).toBe(true);
    // The same as one buffer is refused before it is looked at.
    await expect(parseContactFile(new Uint8Array(MAX_FILE_BYTES + 1))).rejects.toMatchObject({ status: 413 });
  }, 60_000);

  it('zip, PDF, NUL bytes, an empty file, a BOM alone, plain text and an unknown CSV header are 422 notAContactFile', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
    const inputs = [
      zip,
      enc('%PDF-1.7\n'),
      enc('BEGIN:VCARD\r\nFN:A\u0000B\r\nEND:VCARD\r\n'),
      new Uint8Array(0),
      new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a, 0x20]),
      enc('Liebe Kundin, lieber Kunde,\nhier unsere Preise.\n'),
      enc('id,amount,currency\n1,20,EUR\n'),
    ];
    for (const input of inputs) {
      await expect(parseContactFile(input), `input ${new TextDecoder().decode(input.slice(0, 12))}`).rejects.toMatchObject({
        code: 'addressBook.notAContactFile',
        status: 422,
      });
    }
  });

  it('a card with 100,000 TEL lines is skipped as malformed at its line; the cards around it are read', async () => {
    const tels = 'TEL:+49 171 0000000\r\n'.repeat(100_000);
    const file = `BEGIN:VCARD\r\nFN:Vorher\r\nTEL:0171 1111111\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Flut\r\n${tels}END:VCARD\r\nBEGIN:VCARD\r\nFN:Nachher\r\nTEL:0171 2222222\r\nEND:VCARD\r\n`;
    const r = await parseContactFile(enc(file));
    expect(r.cards.map((c) => c.name)).toEqual(['Vorher', 'Nachher']);
    expect(r.issues).toEqual([{ line: 5, reason: 'addressBook.issues.tooManyNumbers' }]);
  }, 60_000);

  it('more than 20,000 contacts is 413 tooManyContacts', async () => {
    const file = 'BEGIN:VCARD\r\nFN:X\r\nTEL:0171 1111111\r\nEND:VCARD\r\n'.repeat(20_001);
    await expect(parseContactFile(enc(file))).rejects.toMatchObject({ code: 'addressBook.tooManyContacts', status: 413 });
    const ok = await parseContactFile(enc(file.slice(0, file.length / 20_001 * 20_000)));
    expect(ok.cards).toHaveLength(20_000);
  }, 60_000);

  it('a card without END, and a card cut off at the end of the file, are issues with their line numbers', async () => {
    const file = 'BEGIN:VCARD\nFN:Offen\nTEL:0171 1111111\nBEGIN:VCARD\nFN:Gut\nTEL:0171 2222222\nEND:VCARD\n\nBEGIN:VCARD\nFN:Abgeschnitten\nTEL:017';
    const r = await parseContactFile(enc(file));
    expect(r.cards.map((c) => c.name)).toEqual(['Gut']);
    expect(r.issues).toEqual([
      { line: 1, reason: 'addressBook.issues.unterminatedCard' },
      { line: 9, reason: 'addressBook.issues.unterminatedCard' },
    ]);
  });

  it('a CSV row with an unterminated quote is an issue at its first line; the rows before it are read', async () => {
    const file = 'First Name,Last Name,Phone 1 - Label,Phone 1 - Value\nAnna,A,Mobile,0171 1111111\n"Offen,B,Mobile,0171 2222222\nnoch,eine,Zeile,0171 3333333\n';
    const r = await parseContactFile(enc(file));
    expect(r.cards.map((c) => c.name)).toEqual(['Anna A']);
    expect(r.issues).toEqual([{ line: 3, reason: 'addressBook.issues.malformedRow' }]);
  });

  it('CR/LF injection through a quoted-printable name: the name has no control characters, the card stays one card', async () => {
    // CR, LF, an escape sequence and a right-to-left override (E2 80 AE), all inside the quoted-printable value.
    const evil = 'FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Eve=0D=0A=1BEND:VCARD=0D=0ABEGIN:VCARD=0D=0ATEL:+491710000000=0D=E2=80=AE';
    const r = await parseContactFile(enc(`BEGIN:VCARD\r\nVERSION:2.1\r\n${evil}\r\nTEL;CELL:0171 1234567\r\nEND:VCARD\r\n`));
    const card = r.cards[0]!;
    expect(card.name).toBe('Eve END:VCARD BEGIN:VCARD TEL:+491710000000');
    expect(card.name).not.toMatch(/[\u0000-\u001f\u202e]/);
    // Written back, it is the same single card: re-parsed it has one card with the one real number.
    const again = await parseContactFile(enc(card.vcard));
    expect(again.cards).toHaveLength(1);
    expect(again.cards[0]!.numbers.map((n) => n.e164)).toEqual(['+491711234567']);
    expect(card.vcard.split('\r\n').filter((l) => /^(BEGIN|END):VCARD$/i.test(l))).toEqual(['BEGIN:VCARD', 'END:VCARD']);
  });

  it('CR/LF injection through a CSV name: the built vCard escapes it, re-parsed it is one card with one number', async () => {
    const csv = 'First Name,Last Name,Phone 1 - Label,Phone 1 - Value\r\n"Eve\r\nEND:VCARD\r\nBEGIN:VCARD\r\nTEL:+491710000000\rX",B,Mobile,0171 1234567\r\n';
    const r = await parseContactFile(enc(csv));
    expect(r.cards).toHaveLength(1);
    expect(r.cards[0]!.name).toBe('Eve END:VCARD BEGIN:VCARD TEL:+491710000000 X B');
    const again = await parseContactFile(enc(r.cards[0]!.vcard));
    expect(again.cards).toHaveLength(1);
    expect(again.cards[0]!.numbers.map((n) => n.e164)).toEqual(['+491711234567']);
    // The company and e-mail columns are written into the vCard too: escaped, a line break in them starts no property.
    const org = 'Organization Name,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\n"ACME\r\nTEL:+491710000000","x@example.com\r\nTEL:+491710000001",Mobile,0171 1234567\r\n';
    const built = (await parseContactFile(enc(org))).cards[0]!.vcard;
    expect((await parseContactFile(enc(built))).cards.map((c) => [c.name, c.numbers.map((n) => n.e164)])).toEqual([['ACME TEL:+491710000000', ['+491711234567']]]);
  });

  it('streamed in small chunks: same result as one buffer (CRLF, UTF-8 and the Windows-1252 switch split across chunks), progress by bytes', async () => {
    for (const name of ['iphone-3.0.vcf', 'outlook-2.1.vcf', 'google.csv', 'outlook-windows1252.csv', 'mixed-newlines-bom.vcf']) {
      const bytes = fixture(name);
      const whole = await parseContactFile(bytes);
      for (const size of [1, 7, 64]) {
        const progress: number[] = [];
        const r = await parseContactFile(chunked(bytes, size), { onProgress: (n) => progress.push(n) });
        expect(r, `${name} in ${size}-byte chunks`).toEqual(whole);
        expect(progress.at(-1)).toBe(bytes.length);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
      }
    }
  }, 60_000);

  it('a Windows-1252 vCard without BOM whose first umlaut comes late is decoded as Windows-1252 from there', async () => {
    const ascii = 'BEGIN:VCARD\r\nFN:Anna\r\nTEL:0171 1111111\r\nEND:VCARD\r\n'.repeat(200);
    const latin = Buffer.from('BEGIN:VCARD\r\nFN:Jörg Weiß\r\nTEL:0171 2222222\r\nEND:VCARD\r\n', 'latin1');
    const r = await parseContactFile(chunked(new Uint8Array(Buffer.concat([Buffer.from(ascii), latin])), 1000));
    expect(r.cards.at(-1)!.name).toBe('Jörg Weiß');
    expect(r.cards).toHaveLength(201);
  });
});
