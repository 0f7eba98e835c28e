'use client';

import { useTranslations } from 'next-intl';
import { submitted } from '@/components/forms/form-message';
import { Field, TextareaField } from '@/components/forms/field';
import type { ActionState } from '@/lib/auth/action';
import { BODY_MAX, LEGAL_BASIS_MAX, PURPOSE_MAX, TITLE_MAX } from '@/lib/notices/schemas';

export type DraftText = { title: string; body: string; purpose: string; legalBasis: string };

/** The text fields of a notice version, shared by "new notice" and "edit draft". */
export function DraftFields({
  state,
  fieldError,
  initial,
  purpose,
  onPurposeChange,
}: {
  state: ActionState;
  fieldError: (field: string) => string | undefined;
  initial: Partial<DraftText>;
  /** Set to control the purpose field (the new-notice form swaps the default with the language). */
  purpose?: string;
  onPurposeChange?: (value: string) => void;
}) {
  const t = useTranslations('notices');
  const value = (f: keyof DraftText) => submitted(state, f) ?? initial[f] ?? '';
  return (
    <>
      <Field label={t('fields.title')} name="title" required maxLength={TITLE_MAX} error={fieldError('title')} defaultValue={value('title')} />
      <TextareaField
        label={t('fields.body')}
        name="body"
        required
        rows={16}
        maxLength={BODY_MAX}
        hint={t('fields.bodyHint')}
        error={fieldError('body')}
        defaultValue={value('body')}
        className="input font-mono text-sm"
      />
      {purpose === undefined ? (
        <Field label={t('fields.purpose')} name="purpose" maxLength={PURPOSE_MAX} hint={t('fields.purposeHint')} error={fieldError('purpose')} defaultValue={value('purpose')} />
      ) : (
        <Field
          label={t('fields.purpose')}
          name="purpose"
          maxLength={PURPOSE_MAX}
          hint={t('fields.purposeHint')}
          error={fieldError('purpose')}
          value={purpose}
          onChange={(e) => onPurposeChange?.(e.target.value)}
        />
      )}
      <Field
        label={t('fields.legalBasis')}
        name="legalBasis"
        maxLength={LEGAL_BASIS_MAX}
        hint={t('fields.legalBasisHint')}
        error={fieldError('legalBasis')}
        defaultValue={value('legalBasis')}
      />
    </>
  );
}
