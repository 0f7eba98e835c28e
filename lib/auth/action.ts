import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { problemOf } from '@/lib/http/problem';
import type { FieldErrors } from '@/lib/validation';

/** What every form action returns: message keys, translated by the form (components/forms). */
export type ActionState<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: FieldErrors; values?: Record<string, string> }
  | null;

/** Submitted text values, echoed back on failure so the form keeps what the user typed (with or without JS). */
export function submittedValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION') && value.length <= 20_000) out[key] = value;
  }
  return out;
}

/** A failed result that keeps the user's input. */
export function failure(formData: FormData, error: string, fieldErrors?: FieldErrors): ActionState<never> {
  return { ok: false, error, fieldErrors, values: submittedValues(formData) };
}

/** Parses a FormData into a plain object; repeated names become arrays. */
export function formObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue; // React's own fields
    const v = typeof value === 'string' ? value : value;
    out[key] = key in out ? ([] as unknown[]).concat(out[key], v) : v;
  }
  return out;
}

/**
 * The action side of the one error mapping (lib/http/problem.ts): a domain error becomes a failed ActionState with its
 * code and field errors (the same code and `errors` an API answers in its problem+json body); Next's control flow
 * (redirect(), notFound(), forbidden()) and anything else — a bug — propagate.
 */
export function toActionState(err: unknown, formData?: FormData): ActionState<never> {
  unstable_rethrow(err);
  const problem = problemOf(err);
  if (!problem) throw err;
  return formData ? failure(formData, problem.code, problem.errors) : { ok: false, error: problem.code, fieldErrors: problem.errors };
}

