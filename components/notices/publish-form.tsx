'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { publishVersionAction } from '@/app/(dashboard)/dashboard/notices/actions';
import { FormMessage, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** Publishes the open draft after an explicit confirmation that a published version can never be changed. */
export function PublishForm({ noticeId, versionId, version, expectedHash }: { noticeId: string; versionId: string; version: number; expectedHash: string }) {
  const t = useTranslations('notices');
  const [state, action] = useActionState(publishVersionAction, null);
  const confirmError = useFieldError(state)('confirm');
  // Refusals that name what is missing: the placeholders left in the text, or the controller details in the profile.
  const refusal = state && !state.ok ? state.error : undefined;
  const unfilled = refusal === 'notices.errors.unfilledPlaceholders' ? (state && !state.ok && state.fieldErrors?.placeholders) || '' : null;
  const gaps = refusal === 'notices.errors.controllerIncomplete' ? ((state && !state.ok && state.fieldErrors?.controller) || '').split(' ').filter(Boolean) : null;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      {unfilled !== null ? (
        <p className="notice-error" role="alert">
          {t('errors.unfilledPlaceholders', { names: unfilled.split('\n').join(', ') })}
        </p>
      ) : gaps !== null ? (
        <p className="notice-error" role="alert">
          {t('errors.controllerIncomplete', { missing: gaps.map((g) => t(`controllerParts.${g as 'name' | 'address' | 'contact'}`)).join(', ') })}{' '}
          <a href="/dashboard/settings" className="link">
            {t('toProfile')}
          </a>
        </p>
      ) : (
        <FormMessage state={state} />
      )}
      <input type="hidden" name="noticeId" value={noticeId} />
      <input type="hidden" name="versionId" value={versionId} />
      <input type="hidden" name="expectedHash" value={expectedHash} />
      <p id="publish-warning" className="rounded-md border border-amber-600 bg-amber-50 px-3 py-2 text-amber-950">
        {t('publishWarning', { version })}
      </p>
      <div className="flex items-start gap-2">
        <input
          id="f-confirm"
          name="confirm"
          type="checkbox"
          required
          className="mt-1 size-4"
          aria-invalid={confirmError ? true : undefined}
          aria-describedby={['publish-warning', confirmError && 'f-confirm-error'].filter(Boolean).join(' ')}
        />
        <label htmlFor="f-confirm">{t('publishConfirm')}</label>
      </div>
      {confirmError && (
        <p id="f-confirm-error" className="error" role="alert">
          {confirmError}
        </p>
      )}
      <SubmitButton pending={t('publishing')}>{t('publish', { version })}</SubmitButton>
    </form>
  );
}
