import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import { preparePdfFonts } from '../fonts';
import { LedgerReportDocument, loadReportRows, reportPageCount } from '../ledger-report';
import { renderContactHistoryPdf, renderLedgerReportPdf, renderReceiptPdf } from '../render';
import { renderReportInParts } from '../report-pdf';
import { sampleHistory, sampleNotice, sampleReceipt, sampleReport } from '@/lib/testing/sample-data';

/** Text of a PDF as poppler's pdftotext reads it (`layout` keeps table rows on one line). */
const pdfText = (pdf: Buffer, layout = false) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-', '-'], { input: pdf }).toString('utf8');
const flat = (text: string) => text.replace(/\s+/g, '');

describe('receipt PDF', () => {
  it('shows controller, contact, decision, both times, the full notice with its hash, and the chain fields', async () => {
    const data = sampleReceipt();
    const pdf = await renderReceiptPdf(data, 'de');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Bäckerei Müller GmbH');
    expect(text).toContain('Musterstraße 1, 10115 Berlin');
    expect(text).toContain('Dr. Åsa Łukasiewicz'); // latin-ext from the fallback font
    expect(text).toContain('Zoë Größer-Şahin');
    expect(text).toContain('+4917612345678');
    expect(text).toContain('Einwilligung erteilt');
    expect(text).toContain('Einwilligung widerrufen'); // the later withdrawal is listed
    expect(text).toContain('30.03.2025, 01:30:15 MEZ'); // Europe/Berlin, the night the clocks change
    expect(text).toContain('2025-03-30T00:30:15.000Z');
    expect(text).toContain('WhatsApp');
    expect(text).toContain('Theke Filiale Prenzlauer Berg');
    expect(text).toContain('203.0.113.0');
    expect(text).toContain('„Brot & Brötchen“');
    expect(text).toContain('Preise in €');
    expect(text).toContain('Sie haben das Recht auf Auskunft');
    expect(flat(text)).toContain(sampleNotice.textHash);
    expect(flat(text)).toContain(data.event.hash);
    expect(flat(text)).toContain(data.event.prevHash);
    expect(flat(text)).toContain(data.verifyUrl);
    expect(text).toMatch(/Seite 1 von \d/);
  });

  it('speaks English for an English event and says so when the contact was erased', async () => {
    const data = { ...sampleReceipt(), contact: null };
    const text = pdfText(await renderReceiptPdf(data, 'en'));
    expect(text).toContain('Consent given');
    expect(text).toContain('erased on request');
    expect(text).not.toContain('+4917612345678');
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('names the consent a withdrawal refers to, with that consent’s notice', async () => {
    const base = sampleReceipt();
    const withdrawal = base.contactEvents[1]!;
    const text = pdfText(await renderReceiptPdf({ ...base, event: withdrawal, noticeFromSeq: 41 }, 'de'));
    expect(text).toContain('bezieht sich auf die Einwilligung Nr. 41');
    expect(text).toContain('dieser Nachweis');
  });
});

describe('contact history PDF', () => {
  it('lists every event with its hashes and the notice shown', async () => {
    const data = sampleHistory();
    const text = pdfText(await renderContactHistoryPdf(data, 'de'));
    expect(text).toContain('Verlauf eines Kontakts');
    expect(text).toContain('#41 · Einwilligung erteilt');
    expect(text).toContain('#57 · Einwilligung widerrufen');
    for (const e of data.events) expect(flat(text)).toContain(e.hash);
    expect(text).toContain('Datenschutzhinweis zur Kommunikation über WhatsApp');
  });
});

// The first report starts the render worker (report-thread.ts), which loads react-pdf and the fonts anew.
describe('ledger report PDF', { timeout: 30_000 }, () => {
  it('has the counts, the chain result and one aligned row per event, oldest first', async () => {
    const pdf = await renderLedgerReportPdf(sampleReport(150, 40), 'de');
    const text = pdfText(pdf, true);
    expect(text).toContain('Intakt: Alle 150 Ereignisse');
    expect(text).toMatch(/Ereignisse im Zeitraum\s+150/);
    const rows = text.split('\n').flatMap((l) => {
      const m = /^\s*(\d+)\s+\d\d\.\d\d\.2025 \d\d:\d\d:\d\d\s+\S+\s+(.*?)\s{2,}/.exec(l);
      return m ? [{ seq: Number(m[1]), contact: m[2]! }] : [];
    });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    // Each row's contact cell belongs to that row (a wrapped cell would shift the rest of the column).
    expect(rows.find((r) => r.seq === 17)?.contact).toBe('Łukasz Wiśniewski 17');
    expect(rows.find((r) => r.seq === 19)?.contact).toBe('Олена Шевченко 19');
    expect(rows.find((r) => r.seq === 20)?.contact).toBe('Kundin 20 Groß-Übelhör');
    expect(rows.find((r) => r.seq === 13)?.contact).toMatch(/^Maximilian-Alexander von .*…$/);
    expect(rows.find((r) => r.seq === 97)?.contact).toBe('–');
    expect(text).toMatch(/Seite 1 von 3/); // 36 rows on the first page, 66 on the others
  });

  it('joins a report rendered in parts into one document with every row once and the pages numbered throughout', async () => {
    const { rows: iterator, ...data } = sampleReport(300, 40);
    const { rows, total } = await loadReportRows(iterator);
    const pages = reportPageCount(rows.length);
    expect(pages).toBe(5); // 36 + 4 × 66 ≥ 300
    const pdf = await renderReportInParts({ data, rows, total, locale: 'de' }, 2);
    expect(execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8')).toMatch(/Pages:\s+5\n/);
    const text = pdfText(pdf, true);
    const seqs = [...text.matchAll(/^\s*(\d+)\s+\d\d\.\d\d\.2025 /gm)].map((m) => Number(m[1]));
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Seite ${p} von ${pages}`);
    expect(text).toContain('Олена Шевченко 19');
  });

  it('embeds each font subset once, however often a text switches between them', async () => {
    const pdf = await renderLedgerReportPdf(sampleReport(300), 'de');
    const fonts = execFileSync('pdffonts', ['-'], { input: pdf }).toString('utf8');
    expect(fonts.match(/InterExt-Regular/g)).toHaveLength(1);
    expect(fonts.match(/InterCyrillic-Regular/g)).toHaveLength(1);
  });

  it('reports a broken chain with the number of the first bad event', async () => {
    const data = { ...sampleReport(3), chain: { ok: false, events: 4, firstBreak: { seq: 5, eventId: null, reason: 'gap' as const }, lastHash: 'a'.repeat(64) } };
    const text = pdfText(await renderLedgerReportPdf(data, 'en'));
    expect(text).toContain('Broken at no. 5: an event is missing');
  });

  it('keeps every "." in the text layer after an earlier document subset a composite glyph built from it', async () => {
    await renderContactHistoryPdf(sampleHistory(), 'de'); // bold ":" and "…" are composites of the period
    const data = { ...sampleReport(3), chain: { ok: false, events: 4, firstBreak: { seq: 5, eventId: null, reason: 'hash' as const }, lastHash: 'b'.repeat(64) } };
    const text = pdfText(await renderLedgerReportPdf(data, 'de'));
    expect(text).toContain('Unterbrochen bei Nr. 5: der Inhalt passt nicht mehr zu seinem Hash. Die 4 Ereignisse davor stimmen überein.');
  });

  it('keeps the oldest rows up to the cap and says when the table was cut', async () => {
    const { rows, total } = await loadReportRows(sampleReport(250, 40).rows, 100);
    expect(total).toBe(250);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await preparePdfFonts();
    const doc = createElement(LedgerReportDocument, { data: sampleReport(3), rows: rows.slice(0, 3), total: 12_345, locale: 'de' });
    const text = pdfText(await renderToBuffer(doc as ReactElement<DocumentProps>));
    expect(text).toContain('Die Tabelle zeigt die ersten 3 von 12.345 Ereignissen');
  });
});
