'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { connectWhatsappAction } from '@/app/(dashboard)/dashboard/settings/whatsapp/actions';
import { Field } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

type Current = { phoneNumberId: string; businessAccountId: string; displayNumber: string } | null;

/** Connect or reconnect the number. The access token and app secret are never sent back to the browser. */
export function ConnectForm({ current }: { current: Current }) {
  const t = useTranslations('whatsappUi.settings');
  const [state, action] = useActionState(connectWhatsappAction, null);
  const err = useFieldError(state);
  const value = (f: 'phoneNumberId' | 'businessAccountId' | 'displayNumber') => submitted(state, f) ?? current?.[f] ?? '';
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} success={t('connectedSaved')} />
      <Field label={t('phoneNumberId')} name="phoneNumberId" defaultValue={value('phoneNumberId')} required autoComplete="off" error={err('phoneNumberId')} />
      <Field label={t('businessAccountId')} name="businessAccountId" defaultValue={value('businessAccountId')} required autoComplete="off" error={err('businessAccountId')} />
      <Field label={t('displayNumber')} name="displayNumber" type="tel" defaultValue={value('displayNumber')} required error={err('displayNumber') && t('errors.displayNumber')} />
      <Field label={t('accessToken')} name="accessToken" type="password" required autoComplete="off" hint={t('secretHint')} error={err('accessToken')} />
      <Field label={t('appSecret')} name="appSecret" type="password" required autoComplete="off" hint={t('secretHint')} error={err('appSecret')} />
      <div>
        <SubmitButton pending={t('connecting')}>{current ? t('reconnect') : t('connect')}</SubmitButton>
      </div>
    </form>
  );
}
