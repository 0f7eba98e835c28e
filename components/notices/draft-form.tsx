'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { saveDraftAction } from '@/app/(dashboard)/dashboard/notices/actions';
import { FormMessage, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { NoticeLanguage } from '@/lib/notices/schemas';
import { DraftFields, type DraftText } from './draft-fields';

/** Edits the open draft in one language, or starts a new version prefilled with the latest text. */
export function DraftForm({ noticeId, language, initial }: { noticeId: string; language: NoticeLanguage; initial: Partial<DraftText> }) {
  const t = useTranslations('notices');
  const [state, action] = useActionState(saveDraftAction, null);
  const fieldError = useFieldError(state);
  const success = state?.ok
    ? state.data.created
      ? t('draftCreated', { version: state.data.version })
      : t('draftSaved', { version: state.data.version })
    : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} success={success} />
      <input type="hidden" name="noticeId" value={noticeId} />
      <input type="hidden" name="language" value={language} />
      <DraftFields state={state} fieldError={fieldError} initial={initial} />
      <SubmitButton pending={t('saving')}>{t('saveDraft')}</SubmitButton>
    </form>
  );
}
