'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createLinkAction } from '@/app/(dashboard)/dashboard/links/actions';
import { Field } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';

/** Creates an invite link: notice, label, optional expiry and limit, optionally a personal (prefilled) link. */
export function CreateLinkForm({ notices, today }: { notices: { id: string; name: string }[]; today: string }) {
  const t = useTranslations('links');
  const [state, action] = useActionState(createLinkAction, null);
  const fieldError = useFieldError(state);
  const noticeError = fieldError('noticeId');
  const defaultNotice = submitted(state, 'noticeId') ?? (notices.length === 1 ? notices[0]!.id : '');
  const singleUse = submitted(state, 'singleUse') === 'on';
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} success={t('created')} />
      <div className="field">
        <label htmlFor="f-noticeId" className="label">
          {t('notice')}
        </label>
        <select
          id="f-noticeId"
          name="noticeId"
          className="input"
          required
          defaultValue={defaultNotice}
          key={defaultNotice}
          aria-invalid={noticeError ? true : undefined}
          aria-describedby={noticeError ? 'f-noticeId-error' : undefined}
        >
          <option value="" disabled>
            {t('chooseNotice')}
          </option>
          {notices.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
        {noticeError && (
          <p id="f-noticeId-error" className="error" role="alert">
            {noticeError}
          </p>
        )}
      </div>
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
      <fieldset className="flex flex-col gap-4 rounded-md border border-gray-300 p-4">
        <legend className="px-1 text-sm font-semibold">{t('personal')}</legend>
        <p className="hint -mt-2">{t('personalHint')}</p>
        <div className="flex items-start gap-2">
          <input
            id="f-singleUse"
            name="singleUse"
            type="checkbox"
            className="mt-1 size-4 accent-brand"
            defaultChecked={singleUse}
            key={String(singleUse)}
            aria-describedby="f-singleUse-hint"
          />
          <div>
            <label htmlFor="f-singleUse" className="label">
              {t('singleUse')}
            </label>
            <p id="f-singleUse-hint" className="hint">
              {t('singleUseHint')}
            </p>
          </div>
        </div>
        <Field
          label={t('prefillName')}
          name="prefillName"
          maxLength={120}
          autoComplete="off"
          error={fieldError('prefillName')}
          defaultValue={submitted(state, 'prefillName')}
        />
        <Field
          label={t('prefillPhone')}
          name="prefillPhone"
          type="tel"
          inputMode="tel"
          maxLength={40}
          autoComplete="off"
          hint={t('prefillPhoneHint')}
          error={fieldError('prefillPhone')}
          defaultValue={submitted(state, 'prefillPhone')}
        />
      </fieldset>
      <SubmitButton pending={t('creating')}>{t('create')}</SubmitButton>
    </form>
  );
}
