'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createLinkAction } from '@/app/(dashboard)/dashboard/links/actions';
import { Field } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { NoticeSelect } from './notice-select';
import { PersonalLinkFields } from './personal-link-fields';

/** Creates an invite link: notice, label, optional expiry and limit, optionally a personal (prefilled) link. */
export function CreateLinkForm({ notices, today }: { notices: { id: string; name: string }[]; today: string }) {
  const t = useTranslations('links');
  const [state, action] = useActionState(createLinkAction, null);
  const fieldError = useFieldError(state);
  const defaultNotice = submitted(state, 'noticeId') ?? (notices.length === 1 ? notices[0]!.id : '');
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} success={t('created')} />
      <NoticeSelect notices={notices} value={defaultNotice} error={fieldError('noticeId')} />
      <Field
        label={t('label')}
        name="label"
        maxLength={120}
        autoComplete="off"
        hint={t('labelHint')}
        error={fieldError('label')}
        defaultValue={submitted(state, 'label')}
      />
      <Field
        label={t('expiresAt')}
        name="expiresAt"
        type="date"
        min={today}
        hint={t('expiresAtHint')}
        error={fieldError('expiresAt')}
        defaultValue={submitted(state, 'expiresAt')}
      />
      <Field
        label={t('maxUses')}
        name="maxUses"
        type="number"
        inputMode="numeric"
        min={1}
        max={100000}
        step={1}
        hint={t('maxUsesHint')}
        error={fieldError('maxUses')}
        defaultValue={submitted(state, 'maxUses')}
      />
      <PersonalLinkFields state={state} fieldError={fieldError} />
      <SubmitButton pending={t('creating')}>{t('create')}</SubmitButton>
    </form>
  );
}
