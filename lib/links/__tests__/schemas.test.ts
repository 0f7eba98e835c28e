import { describe, expect, it } from 'vitest';
import { createLinkSchema, endOfDayBerlin, todayBerlin } from '../schemas';

const noticeId = '7b0e8a52-52b4-4b61-9c2a-3b5f3f1b1e11';

describe('createLinkSchema', () => {
  it('treats empty form fields as absent', () => {
    expect(createLinkSchema.parse({ noticeId, label: ' ', expiresAt: '', maxUses: '', prefillName: '', prefillPhone: '' })).toEqual({
      noticeId,
      label: null,
      expiresAt: null,
      maxUses: null,
      prefillName: null,
      prefillPhone: null,
    });
  });

  it('normalises phone numbers to E.164 and makes a single-use link use up after one decision', () => {
    const v = createLinkSchema.parse({ noticeId, maxUses: '50', singleUse: 'on', prefillPhone: '0171 / 123 45 67' });
    expect(v).toMatchObject({ maxUses: 1, prefillPhone: '+491711234567' });
    expect(createLinkSchema.parse({ noticeId, maxUses: '50', prefillPhone: '+43 664 1234567' })).toMatchObject({
      maxUses: 50,
      prefillPhone: '+436641234567',
    });
  });

  it('accepts today as expiry date (valid through the end of the day)', () => {
    const today = todayBerlin();
    expect(todayBerlin(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    const v = createLinkSchema.parse({ noticeId, expiresAt: today });
    expect(v.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('endOfDayBerlin', () => {
  it('is the last millisecond of that day in German time, summer and winter', () => {
    expect(endOfDayBerlin('2025-07-15').toISOString()).toBe('2025-07-15T21:59:59.999Z');
    expect(endOfDayBerlin('2025-01-15').toISOString()).toBe('2025-01-15T22:59:59.999Z');
    expect(endOfDayBerlin('2025-03-30').toISOString()).toBe('2025-03-30T21:59:59.999Z'); // DST starts that night
    expect(endOfDayBerlin('2025-10-26').toISOString()).toBe('2025-10-26T22:59:59.999Z'); // DST ends that night
    expect(endOfDayBerlin('2025-12-31').toISOString()).toBe('2025-12-31T22:59:59.999Z');
  });
});
