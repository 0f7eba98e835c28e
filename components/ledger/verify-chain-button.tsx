'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { verifyChainAction } from '@/app/(dashboard)/dashboard/ledger/actions';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** "Verify chain": recomputes all hashes on the server and shows the result or the first broken link. */
export function VerifyChainButton() {
  const t = useTranslations('ledger');
  const [state, action] = useActionState(verifyChainAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <SubmitButton pending={t('verifying')} className="btn-secondary">
        {t('verify')}
      </SubmitButton>
      <FormMessage state={state} />
      {state?.ok && (
        <p role="status" data-testid="verify-result" className={state.data.ok ? 'notice-ok' : 'notice-error'}>
          {state.data.ok
            ? t('verifyOk', { events: state.data.events })
            : t('verifyBroken', { seq: state.data.firstBreak!.seq, reason: t(`break_${state.data.firstBreak!.reason}`) })}
        </p>
      )}
    </form>
  );
}
