'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { resendMailAction } from '@/app/(dashboard)/dashboard/ledger/actions';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

export function ResendMailButton({ mailId, contactId }: { mailId: string; contactId: string }) {
  const t = useTranslations('ledger');
  const [state, action] = useActionState(resendMailAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="mailId" value={mailId} />
      <input type="hidden" name="contactId" value={contactId} />
      <SubmitButton pending={t('resending')} className="link text-sm">
        {t('resend')}
      </SubmitButton>
      <FormMessage state={state} success={t('resent')} />
    </form>
  );
}
