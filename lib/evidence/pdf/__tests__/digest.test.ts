import { execFileSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { digestCsv } from '@/lib/evidence/digest-data';
import { translator } from '@/lib/i18n/messages';
import { digestIntro } from '../digest';
import { layoutDigest } from '../digest-layout';
import { renderDigestInParts } from '../digest-pdf';
import { renderDigestPdf } from '../render';
import { sampleDigest } from '@/lib/testing/sample-data';

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8');
const flat = (text: string) => text.replace(/\s+/g, '');

describe('digest PDF', { timeout: 60_000 }, () => {
  it('renders the same bytes twice (in parts, joined) and shows every decision with its hash, data and verify URL', async () => {
    const data = sampleDigest(23);
    // Parts of 10: the join with pdf-lib must be as deterministic as react-pdf itself.
    const [a, b] = [await renderDigestInParts(data, 'de', 10), await renderDigestInParts(data, 'de', 10)];
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(a, b)).toBe(0);
    const text = pdfText(a);
    const f = flat(text);
    expect(text).toContain('Sammelnachweis');
    expect(text).toContain('23 Entscheidungen');
    for (const e of data.entries) {
      expect(f).toContain(e.event.hash);
      expect(f).toContain(flat(e.verifyUrl));
      expect(f).toContain(`#${e.event.seq}`);
      if (e.contact?.phoneE164) expect(f).toContain(e.contact.phoneE164);
    }
    expect(f).toContain(flat(data.entries[0]!.notice!.textHash!));
    expect(text).toContain('der Einwilligung Nr.'); // a withdrawal names its consent's notice
  });

  it('shows long values whole: wrapped by the layout, never cut (long origin in the verify URL, long name and e-mail)', async () => {
    const data = sampleDigest(4);
    const e = data.entries[1]!;
    e.verifyUrl = `https://einwilligungen.sehr-lange-subdomain.musterbetrieb-beispiel.example:8443/verify/${e.event.hash}`;
    e.contact = { name: 'Maximilian-Alexander Friedrich-Wilhelm von Großherzog-Übelhör-Şahinoğlu-Шевченко', phoneE164: '+491761234567', email: 'maximilian-alexander.friedrich-wilhelm.von-grossherzog@sehr-lange-domain.example', status: 'opted_in' };
    const f = flat(pdfText(await renderDigestInParts(data, 'de')));
    expect(f).toContain(flat(e.verifyUrl));
    expect(f).toContain(flat(e.contact.name!));
    expect(f).toContain(e.contact.email);
    for (const x of data.entries) expect(f).toContain(x.event.hash);
  });

  it('fits its pages as laid out: a long controller block does not push page 1 over (the static page numbers count on it)', async () => {
    const data = sampleDigest(30);
    data.controller = {
      ...data.controller,
      legalName: 'Bäckerei und Konditorei Müller-Lüdenscheidt Gesellschaft mit beschränkter Haftung & Co. Kommanditgesellschaft',
      address: 'Hinterhaus, 3. Obergeschoss links, Musterstraße 123a, Gewerbehof Nord, 10115 Berlin-Mitte, Deutschland (Zustellung über Empfang)',
      representative: 'Jürgen Müller-Lüdenscheidt und Dr. Hannelore Müller-Lüdenscheidt (Geschäftsführer, gemeinsam vertretungsberechtigt)',
    };
    const t = translator('de');
    const layout = await layoutDigest(data, t, 'de', digestIntro(data, t, 'de'));
    const pdf = await renderDigestInParts(data, 'de');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(layout.pages.length);
  });

  it('renders in the render thread to the bytes the direct renderer gives', async () => {
    const data = sampleDigest(5);
    const [threaded, direct] = [await renderDigestPdf(data, 'en'), await renderDigestInParts(data, 'en')];
    expect(Buffer.compare(threaded, direct)).toBe(0);
    expect(pdfText(threaded)).toContain('Evidence digest');
  });

  it('has a CSV row per decision with its hash and verify URL', () => {
    const data = sampleDigest(7);
    const lines = digestCsv(data.entries).trimEnd().split('\r\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^\uFEFFseq,occurred_at_utc,type,/);
    data.entries.forEach((e, i) => expect(lines[i + 1]).toContain(`${e.event.hash},${e.event.prevHash},${e.verifyUrl}`));
  });
});
