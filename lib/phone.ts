import 'server-only';
// Full ('max') metadata: the default ('min') set checks only a number's length, so it calls "12345" or "+49 1234 567890"
// a valid German number and cannot tell a mobile from a landline or a 0800/0900 service number. Server-only: the
// metadata is ≈ 150 kB, and the consent page's client bundle must not carry it.
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';
import { z } from 'zod';
import { germanNumberType } from '@/lib/phone-de';
import { cleanString } from '@/lib/validation';

/** The longest input we parse (a formatted international number with spaces fits easily). */
export const PHONE_INPUT_MAX = 40;

/** What a person types: digits, a leading + (or 00), spaces, dashes, dots, slashes, parentheses — nothing else. */
const PHONE_CHARS = /^\+?[0-9 ()./-]+$/;

/**
 * Number types a WhatsApp account can live on. Mobile numbers, and numbers whose type the plan cannot tell
 * (FIXED_LINE_OR_MOBILE: e.g. the USA). Landlines too: WhatsApp and WhatsApp Business register landline numbers by a
 * verification call, and a customer who uses WhatsApp on one must be able to consent with it; refusing them would
 * lose real consents, accepting them costs nothing. VoIP and personal numbers can receive the verification as well.
 * Refused: service numbers nobody has WhatsApp on — toll-free (0800), premium rate (0900), shared cost (0180),
 * UAN, voicemail and pagers — so a typo into one of those ranges is caught.
 */
const WHATSAPP_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'FIXED_LINE', 'VOIP', 'PERSONAL_NUMBER']);

export type PhoneResult = { ok: true; e164: string } | { ok: false; error: 'phone' | 'phoneType' };

/**
 * Parses a phone number in any common notation (+49…, 0049…, national 0171…, with spaces, dashes, dots, slashes or
 * parentheses; German numbers may omit the country code) to E.164. The one parser of the app: the consent form, the
 * JSON API, the invite-link prefill and the address-book import all go through it, so one input gets one answer
 * everywhere. `defaultCountry` is the region of numbers written without a country code (the address-book import
 * lets the owner choose it; everything else is German).
 */
export function parsePhone(input: string, defaultCountry: CountryCode = 'DE'): PhoneResult {
  const v = input.trim();
  if (!v || v.length > PHONE_INPUT_MAX || !PHONE_CHARS.test(v)) return { ok: false, error: 'phone' };
  // German numbers in plain notation: the same decision from libphonenumber's metadata without its per-call parsing
  // (lib/phone-de.ts; an address-book import parses 20,000 of them).
  const de = germanNumberType(v, defaultCountry);
  if (de) {
    if (de.type === undefined) return { ok: false, error: 'phone' };
    return WHATSAPP_TYPES.has(de.type) ? { ok: true, e164: `+49${de.nsn}` } : { ok: false, error: 'phoneType' };
  }
  return parsePhoneWithLibrary(v, defaultCountry);
}

/** parsePhone through libphonenumber alone, for any input parsePhone accepts the characters of (exported for tests). */
export function parsePhoneWithLibrary(v: string, defaultCountry: CountryCode): PhoneResult {
  const parsed = parsePhoneNumberFromString(v, { defaultCountry, extract: false });
  if (!parsed || !parsed.isValid() || parsed.ext) return { ok: false, error: 'phone' };
  const type = parsed.getType();
  // A valid number whose type the metadata does not know is accepted: we cannot say it is not reachable.
  if (type !== undefined && !WHATSAPP_TYPES.has(type)) return { ok: false, error: 'phoneType' };
  return { ok: true, e164: parsed.number };
}

/**
 * The zod schema of a phone field: trims, parses with parsePhone, outputs E.164. `messages` names the message keys of
 * the caller's form (an unparsable number, and a number of a type WhatsApp cannot reach).
 */
export function phoneSchema(messages: { invalid: string; type: string } = { invalid: 'phone', type: 'phoneType' }) {
  return cleanString()
    .max(PHONE_INPUT_MAX * 4, messages.invalid)
    .transform((v, ctx) => {
      const r = parsePhone(v);
      if (r.ok) return r.e164;
      ctx.addIssue({ code: 'custom', message: r.error === 'phone' ? messages.invalid : messages.type });
      return z.NEVER;
    });
}
