import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContactFile, type ParsedCard } from '../parse';

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, 'fixtures', name)));
const byName = (cards: ParsedCard[], name: string) => {
  const c = cards.find((x) => x.name === name);
  if (!c) throw new Error(`no card named ${name}; names: ${cards.map((x) => x.name).join(' | ')}`);
  return c;
};
const nums = (c: ParsedCard) => c.numbers.map((n) => n.e164);

describe('parseContactFile: vCard exports', () => {
  it('iPhone 3.0: item1.TEL with X-ABLabel, several numbers, 00 / (0) notation, folded PHOTO kept, cards without a name', async () => {
    const r = await parseContactFile(fixture('iphone-3.0.vcf'));
    expect(r.format).toBe('vcard');
    expect(r.issues).toEqual([]);
    expect(r.cards).toHaveLength(4);
    const j = byName(r.cards, 'Jürgen Müller');
    expect(j.line).toBe(1);
    expect(j.numbers).toEqual([
      { raw: '+49 171 2345678', e164: '+491712345678', label: 'Mobile' },
      { raw: '030 12345678', e164: '+493012345678', label: 'work' },
    ]);
    // The original card comes back whole: folded PHOTO, labels, e-mail; CRLF only.
    expect(j.vcard).toContain('PHOTO;ENCODING=b;TYPE=JPEG:');
    expect(j.vcard).toContain('item1.X-ABLabel:_$!<Mobile>!$_');
    expect(j.vcard.split('\r\n').length).toBeGreaterThan(15);
    expect(j.vcard.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const e = byName(r.cards, 'Elif Yılmaz');
    expect(e.numbers.map((n) => [n.e164, n.label])).toEqual([
      ['+4917698765432', 'Baustelle'],
      ['+4915211223344', 'cell'],
      ['+4940555666', 'home'],
      ['+436641234567', 'iphone,cell'],
    ]);
    // No FN value and an empty N: no name, the number is still there.
    const nameless = r.cards.find((c) => c.name === null)!;
    expect(nums(nameless)).toEqual(['+4915112345678']);
    // ORG only: the company is the name; a 0800 service number is refused by lib/phone.ts (e164 null, raw kept).
    expect(byName(r.cards, 'Hausverwaltung Nord').numbers).toEqual([{ raw: '0800 1234567', e164: null, label: 'work' }]);
  });

  it('Android / Google 3.0: TYPE=CELL, item group label, one number written twice on a card counts once', async () => {
    const r = await parseContactFile(fixture('android-google-3.0.vcf'));
    expect(r.cards.map((c) => c.name)).toEqual(['Anna Schmidt', 'Bernd Kowalski', 'Clara Wagner']);
    expect(byName(r.cards, 'Anna Schmidt').numbers.map((n) => n.label)).toEqual(['cell', 'work', 'Österreich']);
    expect(nums(byName(r.cards, 'Clara Wagner'))).toEqual(['+491601234567']);
    expect(r.cards.map((c) => c.line)).toEqual([1, 12, 20]);
  });

  it('Samsung 2.1: quoted-printable UTF-8 with a soft break inside a character, bare TYPE params, base64 block', async () => {
    const r = await parseContactFile(fixture('samsung-2.1-qp.vcf'));
    expect(r.issues).toEqual([]);
    const a = byName(r.cards, 'Ayşe Öztürk');
    expect(a.numbers).toEqual([
      { raw: '0176-12345678', e164: '+4917612345678', label: 'cell' },
      { raw: '+49 40 1234567', e164: '+49401234567', label: 'home' },
    ]);
    expect(a.vcard).toMatch(/\r\n\r\nEND:VCARD\r\n$/); // the blank line that ends a 2.1 base64 block is kept
    expect(nums(byName(r.cards, 'Tom Becker'))).toEqual(['+491729988776', '+492211234567', '+491705556667']);
  });

  it('Outlook 2.1 in Windows-1252: raw CHARSET=Windows-1252 values and quoted-printable ones decode to the same letters', async () => {
    const r = await parseContactFile(fixture('outlook-2.1.vcf'));
    expect(r.cards.map((c) => c.name)).toEqual(['Günter Weiß', 'Françoise Jäger']);
    expect(nums(r.cards[0]!)).toEqual(['+49891234560', '+4915123456789']);
    expect(nums(r.cards[1]!)).toEqual(['+33612345678', '+497112233445']);
  });

  it('vCard 4.0: tel: URIs with quoted TYPE lists and ;ext=, PHOTO as a data URI', async () => {
    const r = await parseContactFile(fixture('vcard-4.0.vcf'));
    expect(r.cards.map((c) => c.name)).toEqual(['Dr. Lena Fischer', 'Paul Neumann']);
    expect(r.cards[0]!.numbers).toEqual([
      { raw: 'tel:+49-170-1234567', e164: '+491701234567', label: 'cell' },
      { raw: 'tel:+49-221-987654;ext=12', e164: '+49221987654', label: 'work' },
    ]);
  });

  it('UTF-8 BOM and CRLF, LF and lone CR mixed: every card, folded name joined, line numbers of each BEGIN', async () => {
    const r = await parseContactFile(fixture('mixed-newlines-bom.vcf'));
    expect(r.cards.map((c) => [c.line, c.name, nums(c)[0]])).toEqual([
      [1, 'Hanna Lange', '+491713334445'],
      [7, 'Ole Brandt', '+491715556667'],
      [12, 'Mia Koch', '+49307778889'],
    ]);
  });

  it('UTF-16LE and UTF-16BE with BOM', async () => {
    const text = readFileSync(path.join(__dirname, 'fixtures', 'android-google-3.0.vcf'), 'utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const buf of [le, be]) {
      const r = await parseContactFile(new Uint8Array(buf));
      expect(byName(r.cards, 'Anna Schmidt').numbers.map((n) => n.label)).toContain('Österreich');
    }
  });

  it('region option: national numbers read in the chosen region, international ones unchanged', async () => {
    const v = new TextEncoder().encode('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wien\r\nTEL:0664 1234567\r\nTEL:+49 171 2345678\r\nEND:VCARD\r\n');
    expect(nums((await parseContactFile(v, { region: 'AT' })).cards[0]!)).toEqual(['+436641234567', '+491712345678']);
    expect(nums((await parseContactFile(v)).cards[0]!)[0]).toBe('+496641234567'); // the same digits as a German landline
    await expect(parseContactFile(v, { region: 'XX' })).rejects.toMatchObject({ code: 'addressBook.invalidRegion', status: 422 });
  });
});

describe('parseContactFile: CSV exports', () => {
  it('Google CSV: multi-line quoted notes, " ::: " joined numbers, company / nickname as name, a row without numbers', async () => {
    const r = await parseContactFile(fixture('google.csv'));
    expect(r.format).toBe('google-csv');
    expect(r.issues).toEqual([]);
    expect(r.cards.map((c) => [c.line, c.name])).toEqual([
      [2, 'Sabine Krüger'],
      [4, 'Autohaus Süd GmbH'],
      [5, 'Jan Peter de Vries Jr.'],
      [6, 'Opa'],
      [8, 'Tina Ohne Nummer'],
    ]);
    const s = r.cards[0]!;
    expect(s.numbers).toEqual([
      { raw: '+49 171 2345678', e164: '+491712345678', label: 'Mobile' },
      { raw: '0172 9876543', e164: '+491729876543', label: 'Mobile' },
      { raw: '030 12345678', e164: '+493012345678', label: 'Work' },
    ]);
    expect(s.vcard).toBe(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sabine Krüger\r\nN:Krüger;Sabine;;;\r\nitem1.TEL;TYPE=CELL:+49 171 2345678\r\nitem1.X-ABLabel:Mobile\r\n' +
        'item2.TEL;TYPE=CELL:0172 9876543\r\nitem2.X-ABLabel:Mobile\r\nitem3.TEL;TYPE=WORK:030 12345678\r\nitem3.X-ABLabel:Work\r\nEND:VCARD\r\n',
    );
    expect(nums(r.cards[2]!)).toEqual(['+31612345678']);
    expect(r.cards[2]!.vcard).toContain('EMAIL;TYPE=INTERNET:jan@example.nl');
    expect(r.cards[4]!.numbers).toEqual([]);
  });

  it('Outlook CSV (English): phone columns by header, fax and pager not, a quoted multi-line street', async () => {
    const r = await parseContactFile(fixture('outlook.csv'));
    expect(r.format).toBe('outlook-csv');
    expect(r.cards.map((c) => [c.line, c.name])).toEqual([
      [2, 'Markus Hoffmann'],
      [4, 'Frau Eva Schulz'],
      [5, 'Kanzlei Brandt & Partner'],
    ]);
    expect(r.cards[0]!.numbers.map((n) => [n.e164, n.label])).toEqual([
      ['+49221111111', 'Business Phone'],
      ['+491623334445', 'Mobile Phone'],
    ]);
    expect(nums(r.cards[1]!)).toEqual(['+49692223334', '+491765556667']); // Other Phone repeats the mobile: once
  });

  it('Outlook CSV in Windows-1252 with German headers', async () => {
    const r = await parseContactFile(fixture('outlook-windows1252.csv'));
    expect(r.format).toBe('outlook-csv');
    expect(r.cards.map((c) => c.name)).toEqual(['Jürgen Weiß', 'Zoë Bäcker']);
    expect(r.cards[0]!.numbers.map((n) => [n.e164, n.label])).toEqual([
      ['+49911123456', 'Telefon geschäftlich'],
      ['+491712345678', 'Mobiltelefon'],
    ]);
    expect(nums(r.cards[1]!)).toEqual(['+49911445566', '+4915198765432']);
    expect(r.cards[0]!.vcard).toContain('ORG:Weiß Heizung & Sanitär');
  });
});
