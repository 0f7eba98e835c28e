import { describe, expect, it } from 'vitest';
import { codeHash, codeReplyText, deriveCode, extractCodes, prefilledConfirmation, waDigits, waMeUrl } from '../ownership-codes-text';

describe('ownership code text', () => {
  it('derives a stable XXXX-XXXX code from the row id and secret, in the unambiguous alphabet', () => {
    const a = deriveCode('s1', '6f1d2c1e-0000-4000-8000-000000000001');
    expect(a).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(deriveCode('s1', '6f1d2c1e-0000-4000-8000-000000000001')).toBe(a);
    expect(deriveCode('s2', '6f1d2c1e-0000-4000-8000-000000000001')).not.toBe(a);
    const many = new Set(Array.from({ length: 2000 }, (_, i) => deriveCode('s1', `id-${i}`)));
    expect(many.size).toBe(2000);
    for (const c of many) expect(c).not.toMatch(/[01IO]/);
  });

  it('hashes per tenant, ignoring case and the dash', () => {
    expect(codeHash('t1', 'ABCD-EFGH')).toBe(codeHash('t1', 'abcdefgh'));
    expect(codeHash('t1', 'ABCD-EFGH')).not.toBe(codeHash('t2', 'ABCD-EFGH'));
    expect(codeHash('t1', 'ABCD-EFGH')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds the code in the prefilled message and in edited variants, not in ordinary words', () => {
    const msg = prefilledConfirmation('de', 'Müller & Söhne GmbH', 'K7QX-M3TZ');
    expect(extractCodes(msg)).toEqual(['K7QX-M3TZ']);
    expect(extractCodes('code k7qx-m3tz bitte')).toEqual(['K7QX-M3TZ']);
    expect(extractCodes('K7QX–M3TZ!')).toEqual(['K7QX-M3TZ']); // en dash from a phone keyboard
    expect(extractCodes('ANMELDEN')).toEqual([]);
    expect(extractCodes('Stopp!')).toEqual([]);
    expect(extractCodes('AB0D-EFGH')).toEqual([]); // 0 is not in the alphabet
    expect(extractCodes('XK7QX-M3TZ')).toEqual([]); // part of a longer token
    expect(extractCodes('AAAA-BBBB CCCC-DDDD AAAA-BBBB EEEE-FFFF GGGG-HHHH')).toEqual(['AAAA-BBBB', 'CCCC-DDDD', 'EEEE-FFFF']);
  });

  it('builds the wa.me link from the display number digits with the message URL-encoded', () => {
    expect(waDigits('+49 30 1234-567')).toBe('49301234567');
    expect(waDigits('0049 30 1234567')).toBe('49301234567');
    expect(waDigits('12')).toBeNull();
    const url = waMeUrl('+49 151 2345678', 'Code: AB/CD ä&x');
    expect(url).toBe('https://wa.me/491512345678?text=Code%3A%20AB%2FCD%20%C3%A4%26x');
    expect(waMeUrl('', 'x')).toBeNull();
    expect(prefilledConfirmation('en', 'Acme', 'AAAA-BBBB')).toContain('Acme may contact me on WhatsApp. Code: AAAA-BBBB');
  });
});

describe('code replies', () => {
  it('explain an expired or used code in the contact language, naming the company', () => {
    expect(codeReplyText('expired', 'de', 'Acme')).toMatch(/abgelaufen.*Acme/);
    expect(codeReplyText('used', 'en', 'Acme')).toMatch(/already been used.*Acme/);
    expect(codeReplyText('confirmed', 'de', 'Acme')).toContain('bestätigt');
  });
});
