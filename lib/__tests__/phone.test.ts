import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decisionSchema } from '@/lib/consent/schemas';
import { createLinkSchema } from '@/lib/links/schemas';
import { parsePhone } from '@/lib/phone';
import { fieldErrorsOf } from '@/lib/validation';

/** The answer of the consent form (and the JSON API, same schema) for a phone input: E.164 or the field error. */
function viaConsentForm(phone: string): string {
  const r = decisionSchema.safeParse({ decision: 'opt_in', noticeVersionId: randomUUID(), confirmed: '1', name: 'Erika', phone, idempotencyKey: randomUUID() });
  return r.success ? (r.data as { phone: string }).phone : `error:${fieldErrorsOf(r.error).phone}`;
}

/** The answer of the invite-link prefill for the same input. */
function viaLinkPrefill(phone: string): string {
  const r = createLinkSchema.safeParse({ noticeId: randomUUID(), prefillPhone: phone });
  return r.success ? String(r.data.prefillPhone) : `error:${fieldErrorsOf(r.error).prefillPhone}`;
}

const CASES: [string, string][] = [
  // One mobile number in every common notation.
  ['0171 2345678', '+491712345678'],
  ['01712345678', '+491712345678'],
  ['+49 171 2345678', '+491712345678'],
  ['+491712345678', '+491712345678'],
  ['0049 171 2345678', '+491712345678'],
  ['0171-234-5678', '+491712345678'],
  ['0171/2345678', '+491712345678'],
  ['(0171) 2345678', '+491712345678'],
  ['+49 (0)171 2345678', '+491712345678'],
  ['  +49 171 2345678  ', '+491712345678'],
  // Landlines (WhatsApp registers them by a verification call) and numbers of other countries.
  ['030 1234567', '+49301234567'],
  ['+43 664 1234567', '+436641234567'],
  ['+1 212 555 0123', '+12125550123'],
  // Not a number in use: the German plan has no 01234 area code, and 5 digits are no subscriber number.
  ['+49 1234 567890', 'error:phone'],
  ['12345', 'error:phone'],
  ['abc', 'error:phone'],
  ['+49 171 2345678abc', 'error:phone'],
  ['0171 2345678 ext 5', 'error:phone'],
  ['+', 'error:phone'],
  ['0'.repeat(41), 'error:phone'],
  // Service numbers nobody has WhatsApp on.
  ['0800 1234567', 'error:phoneType'],
  ['0900 1234567', 'error:phoneType'],
  ['0180 1234567', 'error:phoneType'],
];

describe('one phone schema for the whole app (lib/phone.ts)', () => {
  it.each(CASES)('%j → %s, the same in the consent form, the JSON API and the link prefill', (input, expected) => {
    expect(viaConsentForm(input)).toBe(expected);
    expect(viaLinkPrefill(input)).toBe(expected);
    const direct = parsePhone(input);
    expect(direct.ok ? direct.e164 : `error:${direct.error}`).toBe(expected);
  });

  it('"+49 1234 567890" gets one answer everywhere (before: the form took it, a link prefill refused it)', () => {
    expect(new Set([viaConsentForm('+49 1234 567890'), viaLinkPrefill('+49 1234 567890')])).toEqual(new Set(['error:phone']));
  });
});
