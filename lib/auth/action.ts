import 'server-only';
import { z } from 'zod';
import { DomainError } from '@/lib/errors';
import { fieldErrorsOf, type FieldErrors } from '@/lib/validation';
import { requireMember, type MemberContext } from './member-context';
import type { Permission } from './permissions';

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

/** Maps a thrown domain error to an action result; anything else is a bug and propagates. */
export function actionError(err: unknown, formData?: FormData): ActionState<never> {
  if (err instanceof DomainError) return formData ? failure(formData, err.code, err.fieldErrors) : { ok: false, error: err.code, fieldErrors: err.fieldErrors };
  throw err;
}

/**
 * The one wrapper for dashboard form actions: session → membership → permission → zod parse → handler.
 * Returns every field error at once; nothing is written when parsing fails.
 */
export function memberAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.output<S>, ctx: MemberContext) => Promise<T>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const ctx = await requireMember(permission);
    const parsed = schema.safeParse(formObject(formData));
    if (!parsed.success) return failure(formData, 'validation', fieldErrorsOf(parsed.error));
    try {
      return { ok: true, data: await handler(parsed.data, ctx) };
    } catch (err) {
      return actionError(err, formData);
    }
  };
}
