'use client';

import { useTranslations } from 'next-intl';
import type { ActionState } from '@/lib/auth/action';

/** The form-level result of an action, translated; announced to screen readers. */
export function FormMessage({ state, success }: { state: ActionState; success?: string }) {
  const t = useTranslations('errors');
  if (!state) return null;
  if (state.ok) return success ? <p className="notice-ok" role="status">{success}</p> : null;
  return (
    <p className="notice-error" role="alert">
      {t.has(state.error as 'unexpected') ? t(state.error as 'unexpected') : t('unexpected')}
    </p>
  );
}

/** Translates one field's error key from an action result. */
export function useFieldError(state: ActionState) {
  const t = useTranslations('fieldErrors');
  return (field: string): string | undefined => {
    if (!state || state.ok || !state.fieldErrors?.[field]) return undefined;
    const key = state.fieldErrors[field] as 'invalid';
    return t.has(key) ? t(key) : t('invalid');
  };
}

/** The value the user submitted for a field, when the action failed (the form keeps its input). */
export function submitted(state: ActionState, field: string): string | undefined {
  return state && !state.ok ? state.values?.[field] : undefined;
}
