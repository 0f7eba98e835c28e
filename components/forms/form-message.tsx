'use client';

import { useTranslations } from 'next-intl';
import type { ActionState } from '@/lib/auth/action';

/**
 * Message keys: a plain code ("slugTaken") lives under "errors" / "fieldErrors"; a dotted one
 * ("notices.errors.published") is a full path into an area's own messages file.
 */
function useKeyTranslator(namespace: 'errors' | 'fieldErrors', fallback: string) {
  const t = useTranslations();
  return (code: string) => {
    const key = (code.includes('.') ? code : `${namespace}.${code}`) as 'errors.unexpected';
    return t.has(key) ? t(key) : t(fallback as 'errors.unexpected');
  };
}

/** The form-level result of an action, translated; announced to screen readers. */
export function FormMessage({ state, success }: { state: ActionState; success?: string }) {
  const tr = useKeyTranslator('errors', 'errors.unexpected');
  if (!state) return null;
  if (state.ok) return success ? <p className="notice-ok" role="status">{success}</p> : null;
  return (
    <p className="notice-error" role="alert">
      {tr(state.error)}
    </p>
  );
}

/** Translates one field's error key from an action result. */
export function useFieldError(state: ActionState) {
  const tr = useKeyTranslator('fieldErrors', 'fieldErrors.invalid');
  return (field: string): string | undefined => {
    if (!state || state.ok || !state.fieldErrors?.[field]) return undefined;
    return tr(state.fieldErrors[field]);
  };
}

/** The value the user submitted for a field, when the action failed (the form keeps its input). */
export function submitted(state: ActionState, field: string): string | undefined {
  return state && !state.ok ? state.values?.[field] : undefined;
}
