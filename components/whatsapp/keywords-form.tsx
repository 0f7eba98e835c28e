'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { keywordsAction } from '@/app/(dashboard)/dashboard/settings/whatsapp/actions';
import { TextareaField } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** The tenant's keyword lists, one per line (empty: the defaults, shown as the placeholder). */
export function KeywordsForm({ own, defaults }: { own: { withdraw: string[]; start: string[] }; defaults: { withdraw: readonly string[]; start: readonly string[] } }) {
  const t = useTranslations('whatsappUi.settings');
  const [state, action] = useActionState(keywordsAction, null);
  const err = useFieldError(state);
  return (
    <form action={action} className="flex flex-col gap-4">
      <FormMessage state={state} success={t('keywordsSaved')} />
      <TextareaField label={t('keywordsWithdraw')} name="withdraw" rows={5} defaultValue={submitted(state, 'withdraw') ?? own.withdraw.join('\n')} placeholder={defaults.withdraw.join('\n')} error={err('withdraw')} />
      <TextareaField label={t('keywordsStart')} name="start" rows={2} defaultValue={submitted(state, 'start') ?? own.start.join('\n')} placeholder={defaults.start.join('\n')} error={err('start')} />
      <div>
        <SubmitButton pending={t('keywordsSaving')}>{t('keywordsSave')}</SubmitButton>
      </div>
    </form>
  );
}
