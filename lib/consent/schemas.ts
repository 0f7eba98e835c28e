import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';
import { phoneSchema as phoneField } from '@/lib/phone';
import { blankToUndefined, cleanString, email } from '@/lib/validation';

/** A phone number in any common notation, normalised to E.164 (German numbers may omit +49); see lib/phone.ts. */
export const phoneSchema = phoneField();

const common = {
  idempotencyKey: z.uuid('invalid'),
  locale: z.enum(LOCALES).catch('de'),
  email: z.preprocess(blankToUndefined, email().optional()),
};

/** The public consent form. Opt-in needs the confirmed notice, a name and a phone; a refusal may be anonymous. */
export const decisionSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('opt_in'),
    noticeVersionId: z.uuid('invalid'),
    confirmed: z.literal(['1', 'on'], 'consent.errors.confirm'),
    name: cleanString().trim().min(1, 'required').max(120, 'tooLong'),
    phone: phoneSchema,
    ...common,
  }),
  z.object({
    decision: z.literal('opt_out'),
    name: z.preprocess(blankToUndefined, cleanString().trim().max(120, 'tooLong').optional()),
    phone: z.preprocess(blankToUndefined, phoneSchema.optional()),
    ...common,
  }),
]);
export type DecisionInput = z.infer<typeof decisionSchema>;

export const personalActionSchema = z.object({ idempotencyKey: z.uuid('invalid'), locale: z.enum(LOCALES).catch('de') });
