import { describe, expect, it } from 'vitest';
import { berlinDayEnd, berlinDayStart, endOfDayBerlin, todayBerlin } from '../berlin-day';

describe('Berlin day boundaries (one algorithm for filters, reports, expiry, weekly counts)', () => {
  it('starts a day at local midnight, winter and summer', () => {
    expect(berlinDayStart('2025-01-15').toISOString()).toBe('2025-01-14T23:00:00.000Z');
    expect(berlinDayStart('2025-07-15').toISOString()).toBe('2025-07-14T22:00:00.000Z');
    expect(berlinDayStart('2025-12-31', 1).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('ends the DST days where they end: 23 hours in March, 25 in October', () => {
    expect(berlinDayEnd('2025-03-30').getTime() - berlinDayStart('2025-03-30').getTime()).toBe(23 * 3_600_000);
    expect(berlinDayEnd('2025-10-26').getTime() - berlinDayStart('2025-10-26').getTime()).toBe(25 * 3_600_000);
    expect(berlinDayEnd('2025-03-30').toISOString()).toBe('2025-03-30T22:00:00.000Z');
    expect(endOfDayBerlin('2025-10-26').toISOString()).toBe('2025-10-26T22:59:59.999Z');
  });

  it("names today's date in Berlin", () => {
    expect(todayBerlin(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(todayBerlin(new Date('2025-06-30T21:59:59Z'))).toBe('2025-06-30');
  });

  it('refuses what is not a day', () => {
    expect(() => berlinDayStart('15.01.2025')).toThrow(RangeError);
  });
});
