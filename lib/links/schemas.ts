import { z } from 'zod';
import { phoneSchema } from '@/lib/phone';
import { endOfDayBerlin, todayBerlin } from '@/lib/berlin-day';
import { blankToUndefined, optionalText } from '@/lib/validation';

export const LABEL_MAX = 120;
export const MAX_USES_LIMIT = 100_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// The expiry date of a link is a day in Europe/Berlin (lib/berlin-day.ts); the form offers today as the earliest.
export { endOfDayBerlin, todayBerlin };

/** A `YYYY-MM-DD` that names a real calendar day (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
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
