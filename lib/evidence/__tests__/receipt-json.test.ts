import { describe, expect, it } from 'vitest';
import { sampleReceipt } from '@/lib/testing/sample-data';
import { buildConsentReceipt, consentReceiptSchema } from '../receipt-json';

describe('consent receipt JSON', () => {
  it('validates, names the contact by id (never the phone) and lists the consent events', () => {
    const data = sampleReceipt();
    const receipt = buildConsentReceipt(data);
    expect(consentReceiptSchema.safeParse(receipt).success).toBe(true);
    expect(receipt.piiPrincipalId).toBe(data.contactId);
    expect(JSON.stringify(receipt)).not.toContain('17612345678');
    expect(receipt).toMatchObject({
      jurisdiction: 'DE',
      collectionMethod: 'web form via invite link',
      receiptId: data.event.id,
      consentTimestamp: '2025-03-30T00:30:15.000Z',
      piiControllers: [{ piiController: 'Bäckerei Müller GmbH', address: 'Musterstraße 1, 10115 Berlin', email: 'nachweise@baeckerei-mueller.example' }],
      notice: { version: 3, sha256: data.notice!.textHash },
      purposes: [{ purpose: 'Kommunikation über WhatsApp', lawfulBasis: 'GDPR Art. 6(1)(a)', consentType: 'explicit' }],
      sensitive: false,
      ledger: { eventHash: data.event.hash, prevHash: data.event.prevHash, seq: 41, verifyUrl: data.verifyUrl },
    });
    expect(receipt.events.map((e) => e.type)).toEqual(['given', 'withdrawn']);
  });

  it('rejects a receipt whose principal is not an id', () => {
    const receipt = { ...buildConsentReceipt(sampleReceipt()), piiPrincipalId: '+4917612345678' };
    expect(consentReceiptSchema.safeParse(receipt).success).toBe(false);
  });
});
