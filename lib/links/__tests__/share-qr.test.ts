import { describe, expect, it } from 'vitest';
import { linkStatus } from '../link-status';
import { qrPng, qrSvg } from '../qr';
import { whatsappShareUrl } from '../share';

const url = 'https://einwilligung.example/c/musterbetrieb/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd';

describe('whatsappShareUrl', () => {
  it('opens wa.me with a German request containing the link and the company', () => {
    const share = whatsappShareUrl(url, 'Müller & Söhne', 'de');
    expect(share.startsWith('https://wa.me/?text=')).toBe(true);
    const text = decodeURIComponent(share.slice('https://wa.me/?text='.length));
    expect(text).toContain('Einwilligung');
    expect(text).toContain('Müller & Söhne');
    expect(text.endsWith(url)).toBe(true);
    expect(share).not.toMatch(/[ &]/); // spaces and the ampersand are encoded
    expect(new URL(share).searchParams.get('text')).toBe(text);
  });

  it('speaks English when asked', () => {
    const text = new URL(whatsappShareUrl(url, 'Acme', 'en')).searchParams.get('text')!;
    expect(text).toMatch(/consent/);
    expect(text).toContain(url);
  });
});

describe('qr', () => {
  it('renders SVG and PNG', async () => {
    const svg = await qrSvg(url);
    expect(svg).toContain('<svg');
    const png = await qrPng(url);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(500);
  });
});

describe('linkStatus', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const base = { revokedAt: null, expiresAt: null, maxUses: null, uses: 0 };
  it('is active, revoked, expired or used up, in that precedence', () => {
    expect(linkStatus(base, now)).toBe('active');
    expect(linkStatus({ ...base, expiresAt: new Date('2025-06-01T12:00:01Z'), maxUses: 2, uses: 1 }, now)).toBe('active');
    expect(linkStatus({ ...base, expiresAt: now }, now)).toBe('expired');
    expect(linkStatus({ ...base, maxUses: 1, uses: 1 }, now)).toBe('exhausted');
    expect(linkStatus({ ...base, maxUses: 1, uses: 1, expiresAt: new Date(0) }, now)).toBe('expired');
    expect(linkStatus({ ...base, maxUses: 1, uses: 1, expiresAt: new Date(0), revokedAt: new Date(0) }, now)).toBe('revoked');
  });
});
