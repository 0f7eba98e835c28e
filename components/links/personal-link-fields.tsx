'use client';

import { useTranslations } from 'next-intl';
import type { ActionState } from '@/lib/auth/action';
import { Field } from '@/components/forms/field';
import { submitted } from '@/components/forms/form-message';

/** The personal-link part of the create form: single use, and the name and number the consent page is prefilled with. */
export function PersonalLinkFields({ state, fieldError }: { state: ActionState; fieldError: (field: string) => string | undefined }) {
  const t = useTranslations('links');
  const singleUse = submitted(state, 'singleUse') === 'on';
  return (
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
  );
}
