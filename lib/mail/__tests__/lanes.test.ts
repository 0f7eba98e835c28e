import { describe, expect, it } from 'vitest';
import { laneOf } from '../lanes';
import { retryAfterSeconds } from '../transport';

describe('mail lanes', () => {
  it('puts mail a person waits for in the interactive lane, evidence and unknown kinds in bulk', () => {
    for (const kind of ['magic_link', 'member_invitation', 'double_opt_in', 'contact_receipt']) expect(laneOf(kind)).toBe('interactive');
    for (const kind of ['evidence_receipt', 'evidence_digest', 'something_new', 'constructor', '__proto__']) expect(laneOf(kind)).toBe('bulk');
  });
});

describe('retry-after of a 429', () => {
  it('reads seconds, an HTTP date, or ratelimit-reset; defaults to 1 s; caps at a day', () => {
    expect(retryAfterSeconds({ 'retry-after': '1' })).toBe(1);
    expect(retryAfterSeconds({ 'retry-after': '2.5' })).toBe(2.5);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterSeconds({ 'retry-after': 'Tue, 01 Dec 2026 10:00:30 GMT' }, now)).toBe(30);
    expect(retryAfterSeconds({ 'ratelimit-reset': '7' })).toBe(7);
    expect(retryAfterSeconds({})).toBe(1);
    expect(retryAfterSeconds({ 'retry-after': 'soon' })).toBe(1);
    expect(retryAfterSeconds({ 'retry-after': '999999' })).toBe(86_400);
  });
});
