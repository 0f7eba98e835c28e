import { z } from 'zod';
import { phoneSchema } from '@/lib/phone';
import { optionalText } from '@/lib/validation';

export const LABEL_MAX = 120;
export const MAX_USES_LIMIT = 100_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Milliseconds Europe/Berlin is ahead of UTC at instant `at` (+1 h in winter, +2 h in summer). */
function berlinOffsetMs(at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Berlin',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** Today's date in Europe/Berlin as `YYYY-MM-DD` (the earliest expiry date the form offers). */
export function todayBerlin(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now);
}

/** A `YYYY-MM-DD` that names a real calendar day (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The last millisecond of the day `YYYY-MM-DD` in Europe/Berlin, as an instant: an <input type=date> means "through that day". */
export function endOfDayBerlin(value: string): Date {
  const m = DATE_PATTERN.exec(value)!;
  // Midnight after that day as if it were UTC, then shifted by Berlin's offset (DST changes at 02:00/03:00, never at midnight).
  const nextMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  let instant = nextMidnight - berlinOffsetMs(nextMidnight);
  instant = nextMidnight - berlinOffsetMs(instant);
  return new Date(instant - 1);
}

const expiresAt = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .refine(isCalendarDate, 'links.fieldErrors.expiryInvalid')
    .transform(endOfDayBerlin)
    .refine((d) => d.getTime() > Date.now(), 'links.fieldErrors.expiryPast')
    .optional(),
);

const maxUses = z.preprocess(
  blankToUndefined,
  z.coerce
    .number('links.fieldErrors.maxUses')
    .int('links.fieldErrors.maxUses')
    .min(1, 'links.fieldErrors.maxUses')
    .max(MAX_USES_LIMIT, 'links.fieldErrors.maxUses')
    .optional(),
);

// The same parser as the consent form (lib/phone.ts): a number a link is prefilled with is one the form accepts.
const phone = z.preprocess(blankToUndefined, phoneSchema().optional());

// An unchecked checkbox is simply absent from the form.
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

/** Form input for a new invite link; the tenant comes from the session, never from here. */
export const createLinkSchema = z
  .object({
    noticeId: z.uuid('links.fieldErrors.noticeRequired'),
    label: optionalText(LABEL_MAX),
    expiresAt,
    maxUses,
    singleUse: checkbox,
    prefillName: optionalText(LABEL_MAX),
    prefillPhone: phone,
  })
  .transform(({ singleUse, ...v }) => ({
    noticeId: v.noticeId,
    label: v.label ?? null,
    expiresAt: v.expiresAt ?? null,
    // A single-use link is a personal one: it is used up by the first decision.
    maxUses: singleUse ? 1 : (v.maxUses ?? null),
    prefillName: v.prefillName ?? null,
    prefillPhone: v.prefillPhone ?? null,
  }));
export type CreateLinkInput = z.output<typeof createLinkSchema>;

export const revokeLinkSchema = z.object({ linkId: z.uuid() });
export type RevokeLinkInput = z.output<typeof revokeLinkSchema>;

export const linkIdSchema = z.uuid();
export const qrFormatSchema = z.enum(['svg', 'png']).default('svg');

/** The counter poster: paper size and language (lowercase in the URL). */
export const posterQuerySchema = z.object({
  size: z.enum(['a4', 'a6']).default('a4').transform((s) => (s === 'a4' ? 'A4' : 'A6') as 'A4' | 'A6'),
  lang: z.enum(['de', 'en']).default('de'),
});
