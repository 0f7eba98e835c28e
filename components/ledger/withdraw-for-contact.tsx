'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { withdrawForContactAction } from '@/app/(dashboard)/dashboard/ledger/actions';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** Records a withdrawal the contact asked for outside the app; the idempotency key is fixed per page view. */
export function WithdrawForContact({ contactId }: { contactId: string }) {
  const t = useTranslations('ledger');
  const locale = useLocale();
  const [key] = useState(() => crypto.randomUUID());
  const [state, action] = useActionState(withdrawForContactAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="contactId" value={contactId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <input type="hidden" name="locale" value={locale} />
      <FormMessage state={state} success={t('withdrawn')} />
      <SubmitButton pending={t('withdrawing')} className="btn-secondary border-red-700 text-red-800">
        {t('withdrawOnRequest')}
      </SubmitButton>
    </form>
  );
}
