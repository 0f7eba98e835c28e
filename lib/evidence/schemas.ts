import { z } from 'zod';

/** Longest range of one ledger report; longer spans go through the CSV export. */
export const MAX_REPORT_DAYS = 366;

const day = z.iso.date();
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD of the ledger report: real calendar days, from ≤ to, at most 366 days. */
export const reportRangeSchema = z
  .object({ from: day, to: day })
  .refine((r) => dayNumber(r.from) <= dayNumber(r.to), { message: 'fromAfterTo', path: ['to'] })
  .refine((r) => dayNumber(r.to) - dayNumber(r.from) + 1 <= MAX_REPORT_DAYS, { message: 'rangeTooLong', path: ['to'] });
export type ReportRange = z.infer<typeof reportRangeSchema>;

/** An event hash as the verify page takes it: 64 lowercase hex characters. */
export const eventHashSchema = z.string().regex(/^[0-9a-f]{64}$/);
