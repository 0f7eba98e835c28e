'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ActionState } from '@/lib/auth/action';

/** One-button form (withdraw, confirm) carrying an idempotency key; works without JavaScript. */
export function PersonalActionForm({
  action,
  idempotencyKey,
  locale,
  label,
  pending,
  danger,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  idempotencyKey: string;
  locale: string;
  label: string;
  pending: string;
  danger?: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <FormMessage state={state} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="locale" value={locale} />
      <SubmitButton pending={pending} className={danger ? 'btn-secondary w-full border-red-700 py-3 text-red-800' : 'btn-primary w-full py-3'}>
        {label}
      </SubmitButton>
    </form>
  );
}
