import { z } from 'zod';

/** Field errors as message keys (messages/*.json "fieldErrors"), all of them, not only the first per form. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (out[field]) continue;
    out[field] = fieldErrorCode(issue);
  }
  return out;
}

function fieldErrorCode(issue: z.core.$ZodIssue): string {
  if (issue.message && /^[a-z][a-zA-Z.]+$/.test(issue.message)) return issue.message; // schemas may name a key
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 ? 'required' : 'tooShort';
    case 'too_big':
      return 'tooLong';
    case 'invalid_format':
      return issue.format === 'email' ? 'email' : 'invalid';
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid';
    default:
      return 'invalid';
  }
}

// C0 and C1 control characters and DEL, lone (unpaired) surrogates, and Unicode non-characters (U+FDD0–U+FDEF,
// U+xFFFE/U+xFFFF). No form field needs them; PostgreSQL refuses NUL outright (SQLSTATE 22021 → a 500), and the rest
// corrupt exports, vCards and logs. Multi-line fields (notice Markdown) may contain tab, line feed and carriage return.
const FORBIDDEN_CHARS = /[\u0000-\u001F\u007F-\u009F]|\p{Cs}|\p{Noncharacter_Code_Point}/u;
const FORBIDDEN_CHARS_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}|\p{Noncharacter_Code_Point}/u;

/** Whether `value` is free of characters no field accepts (see FORBIDDEN_CHARS); `multiline` allows \t, \n and \r. */
export function isCleanText(value: string, opts: { multiline?: boolean } = {}): boolean {
  return !(opts.multiline ? FORBIDDEN_CHARS_MULTILINE : FORBIDDEN_CHARS).test(value);
}

/** A string that refuses control characters, lone surrogates and non-characters with the field error 'controlChars'. */
export const cleanString = (opts: { multiline?: boolean } = {}) =>
  z.string().refine((v) => isCleanText(v, opts), { message: 'controlChars', abort: true });

/** For z.preprocess: an empty or blank form field counts as not given (undefined), so optional formats are checked only when something was typed. */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Trimmed text with a bound; empty strings count as missing. Single-line unless `multiline`. */
export const text = (max: number, opts: { multiline?: boolean } = {}) => cleanString(opts).trim().min(1).max(max);
export const optionalText = (max: number, opts: { multiline?: boolean } = {}) =>
  cleanString(opts)
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();
export const email = () => cleanString().trim().toLowerCase().max(254).pipe(z.email());
