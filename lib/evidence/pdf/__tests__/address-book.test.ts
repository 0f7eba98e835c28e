import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CheckPdfData } from '@/lib/address-book/check-data';
import { renderAddressBookCheckPdf, renderRemovalListPdf } from '../address-book-pdf';

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

const check: CheckPdfData = {
  check: {
    tenantId: '00000000-0000-4000-8000-000000000001',
    id: '00000000-0000-4000-8000-000000000002',
    createdBy: null,
    format: 'vcard',
    region: 'DE',
    cards: 812,
    stay: 301,
    go: 27,
    unknown: 480,
    waiting: 4,
    skipped: 3,
    invites: 480,
    fileSha256: 'a'.repeat(64),
    cleanedSha256: 'b'.repeat(64),
    noticeVersions: [{ noticeVersionId: 'v1', cards: 301 }],
    createdAt: new Date('2026-12-07T09:30:00Z'),
    closedAt: new Date('2026-12-07T10:00:00Z'),
    closedReason: 'finished',
  },
  controller: { name: 'Muster GmbH', legalName: 'Muster GmbH', address: 'Musterstraße 1\n10115 Berlin', representative: null, dpoName: null, dpoEmail: null, evidenceEmail: null, contactPhone: null, impressumUrl: null },
  notices: [{ id: 'v1', notice: 'WhatsApp', title: 'Datenschutzhinweis WhatsApp', version: 3, language: 'de', publishedAt: new Date('2026-11-01T08:00:00Z'), textHash: 'c'.repeat(64), cards: 301 }],
  generatedAt: new Date('2026-12-07T11:00:00Z'),
};

describe('address-book PDFs', () => {
  it('the DPO check: one page with date, counts, the notice version behind the consents, the statement and both hashes', async () => {
    const pdf = await renderAddressBookCheckPdf(check, 'de');
    const text = pdfText(pdf);
    expect(text.split('\f').filter((p) => p.trim())).toHaveLength(1);
    expect(text).toMatch(/Dürfen bleiben\s+301/);
    expect(text).toMatch(/Müssen weg\s+27/);
    expect(text).toMatch(/Noch nicht gefragt\s+480/);
    expect(text).toContain('„Datenschutzhinweis WhatsApp“, Version 3');
    expect(text.replace(/\s+/g, ' ')).toContain('enthält nur die 301 Kontakte, für deren Nummer eine aktuelle Einwilligung');
    expect(text).toContain('a'.repeat(64));
    expect(text).toContain('b'.repeat(64));
    expect(pdfText(await renderAddressBookCheckPdf(check, 'en'))).toMatch(/May stay\s+301/);
  }, 60_000); // the first render loads the fonts

  it('the removal list names each number with its event and date; a WhatsApp stop reads as such', async () => {
    const text = pdfText(
      await renderRemovalListPdf(
        [
          { name: 'Bernd Geht', number: '+491711000003', eventType: 'opt_out', eventAt: '2026-11-02T10:00:00Z', channel: 'web' },
          { name: null, number: '+491711000009', eventType: 'withdrawn', eventAt: '2026-11-03T10:00:00Z', channel: 'whatsapp' },
        ],
        'Muster GmbH',
        'de',
      ),
    );
    expect(text).toMatch(/Bernd Geht\s+\+491711000003\s+abgelehnt\s+02\.11\.2026/);
    expect(text).toMatch(/\(ohne Namen\)\s+\+491711000009\s+per WhatsApp gestoppt/);
  });
});
