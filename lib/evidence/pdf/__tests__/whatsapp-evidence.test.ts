import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderReceiptPdf } from '../render';
import { sampleReceipt } from '@/lib/testing/sample-data';

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');

describe('receipt PDF: an event a WhatsApp message carried (issue #17)', () => {
  it('names the message id, its time and what it was, for the decision and in the event list', async () => {
    const data = sampleReceipt();
    const whatsapp = { kind: 'ownership_code', messageId: 'wamid.HBgNNDkxNzAxMjM0NTY3OBUCABIYFjNFQjA', messageAt: new Date('2025-03-30T00:31:02Z') };
    data.event = { ...data.event, type: 'confirmed', whatsapp };
    data.contactEvents = data.contactEvents.map((e) => (e.id === data.event.id ? data.event : e));
    const de = pdfText(await renderReceiptPdf(data, 'de'));
    expect(de).toContain('per WhatsApp-Nachricht wamid.HBgNNDkxNzAxMjM0NTY3OBUCABIYFjNFQjA vom 30.03.2025, 01:31:02 MEZ: Bestätigungscode, gesendet von der angegebenen Nummer');
    expect(de.match(/per WhatsApp-Nachricht wamid\./g)?.length).toBe(data.contactEvents.some((e) => e.id === data.event.id) ? 2 : 1);
    const en = pdfText(await renderReceiptPdf(data, 'en'));
    expect(en).toContain('by WhatsApp message wamid.HBgNNDkxNzAxMjM0NTY3OBUCABIYFjNFQjA');
    expect(en).toContain('confirmation code sent from the number given');
  }, 60_000);

  it('shows no WhatsApp line for a web decision', async () => {
    expect(pdfText(await renderReceiptPdf(sampleReceipt(), 'de'))).not.toContain('per WhatsApp-Nachricht');
  }, 60_000);
});
