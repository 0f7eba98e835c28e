'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { requestSignIn } from '@/app/(auth)/signin/actions';
import { Field } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations('signIn');
  const [state, action] = useActionState(requestSignIn, null);
  const fieldError = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Field label={t('email')} name="email" type="email" autoComplete="email" required maxLength={254} error={fieldError('email')} defaultValue={submitted(state, 'email')} />
      <SubmitButton pending={t('submitting')}>{t('submit')}</SubmitButton>
    </form>
  );
}
