import { describe, expect, it } from 'vitest';
import { germanNumberType } from '@/lib/phone-de';
import { parsePhone, parsePhoneWithLibrary } from '@/lib/phone';

/** A small deterministic PRNG (mulberry32): the same numbers on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r = rng(49);
const int = (n: number) => Math.floor(r() * n);
const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');

/** German national numbers (without the 0): every 1–4 digit start the plan has, and some it has not, 2–17 digits. */
function nationalNumber(): string {
  const start = pick(['15', '16', '17', '151', '160', '162', '170', '176', '1521', '1573', '30', '40', '69', '89', '221', '228', '3', '4', '5', '6', '7', '8', '9', '2', '1',
    '800', '900', '9009', '180', '1801', '137', '700', '118', '116', '32', '322', '49', '4930', '4969', '164', '168', '31', '1234', '199', String(1 + int(9999))]);
  return (start + digits(17)).slice(0, Math.max(start.length, 2 + int(16)));
}

/** The number as address books and people write it: +49, 0049, national, +49 (0), separators anywhere. */
function written(nsn: string): string {
  const sep = () => pick(['', '', '', ' ', '-', '/', ' / ']);
  const body = nsn.replace(/\d/g, (d, i: number) => (i > 0 && r() < 0.15 ? sep() : '') + d);
  const [a, b] = [nsn.slice(0, 2 + int(3)), nsn.slice(0)];
  return pick([
    `0${body}`,
    `0${body}`,
    `+49${body}`,
    `+49 ${body}`,
    `0049 ${body}`,
    `+49 (0)${body}`,
    `+49 0${body}`,
    `(0${a}) ${b.slice(a.length)}`,
    `+49 (0) ${body}`,
    `+4 9 ${body}`,
    `00${body}`,
    `+49 00${body}`,
    `+43 ${body}`,
    `+1 ${body}`,
    `${body}`,
    `0${body} `,
    `0${body}.`,
    `+49.${body}`,
    `49${body}`,
  ]);
}

describe('parsePhone: the German fast path (lib/phone-de.ts) decides as libphonenumber does', () => {
  it('on 60,000 real-shaped numbers, in region DE and AT', () => {
    let fast = 0;
    const diffs: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      const input = written(nationalNumber());
      const region = i % 5 === 0 ? 'AT' : 'DE';
      const v = input.trim();
      if (germanNumberType(v, region)) fast++;
      const got = parsePhone(input, region);
      // parsePhone's own character and length checks first; the library decides the rest.
      const want = /^\+?[0-9 ()./-]+$/.test(v) && v.length <= 40 ? parsePhoneWithLibrary(v, region) : { ok: false, error: 'phone' };
      if (JSON.stringify(got) !== JSON.stringify(want)) diffs.push(`${region} ${input}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    }
    expect(diffs.slice(0, 10)).toEqual([]);
    // The fast path is taken for most of them (else this would compare libphonenumber with itself).
    expect(fast).toBeGreaterThan(20_000);
  }, 60_000);

  it('every 1–4 digit start of a German national number (and every 13th 5-digit one), at random lengths', () => {
    const diffs: string[] = [];
    for (let start = 1; start < 100_000; start += start < 10_000 ? 1 : 13) {
      const head = String(start);
      for (const input of ['0', '+49', '+49 (0)'].map((p) => p + (head + digits(15)).slice(0, Math.max(head.length, 2 + int(14))))) {
        const got = parsePhone(input, 'DE');
        const want = parsePhoneWithLibrary(input, 'DE');
        if (JSON.stringify(got) !== JSON.stringify(want)) diffs.push(`${input}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
    }
    expect(diffs.slice(0, 10)).toEqual([]);
  }, 60_000);

  it('leaves what it cannot decide to libphonenumber', () => {
    for (const v of ['0049 171 2345678', '+43 664 1234567', '00171 2345678', '+49 0 0171 2345678', '0171.2345678', '171 2345678', '01'])
      expect(germanNumberType(v, 'DE'), v).toBeUndefined();
    expect(germanNumberType('0664 1234567', 'AT')).toBeUndefined();
    expect(germanNumberType('+49 171 2345678', 'AT')).toEqual({ nsn: '1712345678', type: 'MOBILE' });
    expect(germanNumberType('0800 1234567', 'DE')).toEqual({ nsn: '8001234567', type: 'TOLL_FREE' });
  });
});
