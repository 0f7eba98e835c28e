'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { acceptInvitationAction } from '@/app/(auth)/invite/[token]/actions';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations('invitation');
  const [state, action] = useActionState(acceptInvitationAction, null);
  return (
    <form action={action} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={t('accept') + ' …'}>{t('accept')}</SubmitButton>
    </form>
  );
}
