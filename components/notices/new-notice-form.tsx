'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { createNoticeAction } from '@/app/(dashboard)/dashboard/notices/actions';
import { Field } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { DEFAULT_LEGAL_BASIS, NAME_MAX, NOTICE_LANGUAGES, type NoticeLanguage } from '@/lib/notices/schemas';
import { DraftFields } from './draft-fields';
import { LanguageSelect } from './language-select';

/** Creates a notice with its first draft; the purpose follows the chosen language until the user edits it. */
export function NewNoticeForm({
  defaultLanguage,
  defaultPurposes,
  initial,
}: {
  defaultLanguage: NoticeLanguage;
  defaultPurposes: Record<NoticeLanguage, string>;
  /** A filled template (lib/notices/templates.ts) to start from; the owner edits it before creating. */
  initial?: { name: string; title: string; body: string; purpose: string; legalBasis: string };
}) {
  const t = useTranslations('notices');
  const [state, action] = useActionState(createNoticeAction, null);
  const fieldError = useFieldError(state);
  const submittedLanguage = submitted(state, 'language');
  const [language, setLanguage] = useState<NoticeLanguage>(
    NOTICE_LANGUAGES.find((l) => l === submittedLanguage) ?? defaultLanguage,
  );
  const [purpose, setPurpose] = useState(submitted(state, 'purpose') ?? initial?.purpose ?? defaultPurposes[language]);
  const purposeIsDefault = Object.values(defaultPurposes).includes(purpose);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <Field label={t('fields.name')} name="name" required maxLength={NAME_MAX} hint={t('fields.nameHint')} error={fieldError('name')} defaultValue={submitted(state, 'name') ?? initial?.name} />
      <LanguageSelect
        value={language}
        error={fieldError('language')}
        onChange={(l) => {
          setLanguage(l);
          if (purposeIsDefault) setPurpose(defaultPurposes[l]);
        }}
      />
      <DraftFields state={state} fieldError={fieldError} initial={initial ? { title: initial.title, body: initial.body, legalBasis: initial.legalBasis } : { legalBasis: DEFAULT_LEGAL_BASIS }} purpose={purpose} onPurposeChange={setPurpose} />
      <SubmitButton pending={t('creating')}>{t('create')}</SubmitButton>
    </form>
  );
}
