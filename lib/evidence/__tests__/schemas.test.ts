import { describe, expect, it } from 'vitest';
import { eventHashSchema, reportRangeSchema } from '../schemas';

describe('report range', () => {
  it('takes real days, from ≤ to, at most 366 days', () => {
    expect(reportRangeSchema.safeParse({ from: '2024-01-01', to: '2024-12-31' }).success).toBe(true); // 366 (leap year)
    expect(reportRangeSchema.safeParse({ from: '2025-01-01', to: '2026-01-01' }).success).toBe(true); // 366
    expect(reportRangeSchema.safeParse({ from: '2025-01-01', to: '2026-01-02' }).success).toBe(false); // 367
    expect(reportRangeSchema.safeParse({ from: '2025-02-01', to: '2025-01-31' }).success).toBe(false);
    expect(reportRangeSchema.safeParse({ from: '2025-02-30', to: '2025-03-01' }).success).toBe(false);
    expect(reportRangeSchema.safeParse({ from: '2025-1-1', to: '2025-03-01' }).success).toBe(false);
    expect(reportRangeSchema.safeParse({ from: null, to: '2025-03-01' }).success).toBe(false);
  });

  it('takes an event hash only as 64 lowercase hex characters', () => {
    expect(eventHashSchema.safeParse('a'.repeat(64)).success).toBe(true);
    expect(eventHashSchema.safeParse('A'.repeat(64)).success).toBe(false);
    expect(eventHashSchema.safeParse('a'.repeat(63)).success).toBe(false);
    expect(eventHashSchema.safeParse(`${'a'.repeat(63)}g`).success).toBe(false);
  });
});
