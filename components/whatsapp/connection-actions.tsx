'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { disconnectWhatsappAction, testWhatsappAction } from '@/app/(dashboard)/dashboard/settings/whatsapp/actions';
import { FormMessage } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** "Test connection" (one Graph API request, result shown here) and "disconnect". */
export function ConnectionActions() {
  const t = useTranslations('whatsappUi.settings');
  const [test, testAction] = useActionState(testWhatsappAction, null);
  const [gone, disconnectAction] = useActionState(disconnectWhatsappAction, null);
  const result = test?.ok ? test.data : null;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        <form action={testAction}>
          <SubmitButton pending={t('testing')} className="btn-secondary">
            {t('test')}
          </SubmitButton>
        </form>
        <form action={disconnectAction}>
          <SubmitButton pending={t('disconnecting')} className="btn-secondary">
            {t('disconnect')}
          </SubmitButton>
        </form>
      </div>
      {result && (
        <p className={result.ok ? 'notice-ok' : 'notice-error'} role={result.ok ? 'status' : 'alert'} data-testid="whatsapp-test-result">
          {result.ok ? t('testOk', { name: result.verifiedName ?? 'none' }) : t('testFailed', { status: result.status, message: result.message })}
        </p>
      )}
      <FormMessage state={test && !test.ok ? test : null} />
      <FormMessage state={gone} success={t('disconnected')} />
    </div>
  );
}
