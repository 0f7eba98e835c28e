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

/** Trimmed text with a bound; empty strings count as missing. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();
export const email = () => z.string().trim().toLowerCase().max(254).pipe(z.email());
