import { describe, expect, it } from 'vitest';
import { safeLines } from '../parse/text';

/** safeLines as it was before its fast check: every match replaced, CRLF kept. */
const reference = (v: string) => v.replace(/\r\n|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (m) => (m === '\r\n' ? m : ''));

describe('safeLines', () => {
  it('returns what the full replacement returns, on strings of CR, LF, TAB, controls and text', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
    const alphabet = ['\r', '\n', '\r\n', '\t', 'a', 'ä', ' ', '\u0000', '\u000b', '\u001f', '\u0085', '\u2028', '\u2029', ':'];
    for (let i = 0; i < 20_000; i++) {
      const v = Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(safeLines(v), JSON.stringify(v)).toBe(reference(v));
    }
    expect(safeLines('BEGIN:VCARD\r\nFN:A\r\nEND:VCARD')).toBe('BEGIN:VCARD\r\nFN:A\r\nEND:VCARD');
  });
});
