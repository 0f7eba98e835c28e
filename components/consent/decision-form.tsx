'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { ActionState } from '@/lib/auth/action';

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  decision: 'opt_in' | 'opt_out';
  idempotencyKey: string;
  locale: string;
  noticeVersionId?: string;
  /** Double opt-in: the consent is confirmed through a link mailed to this address, so it is required. */
  emailRequired?: boolean;
  prefillName?: string | null;
  prefillPhone?: string | null;
};

/**
 * The last step of the public flow: contact details and submit. A plain form posting a server action, so it works
 * without JavaScript; the idempotency key makes a double submit or a reload record one decision only.
 */
export function DecisionForm({ action, decision, idempotencyKey, locale, noticeVersionId, emailRequired, prefillName, prefillPhone }: Props) {
  const t = useTranslations('consent');
  const [state, formAction] = useActionState(action, null);
  const fieldError = useFieldError(state);
  const optIn = decision === 'opt_in';
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="locale" value={locale} />
      {optIn && <input type="hidden" name="noticeVersionId" value={noticeVersionId} />}
      {optIn && <input type="hidden" name="confirmed" value="1" />}
      {fieldError('confirmed') && <p className="error" role="alert">{fieldError('confirmed')}</p>}
      <Field
        label={optIn ? t('name') : t('nameOptional')}
        name="name"
        autoComplete="name"
        required={optIn}
        maxLength={120}
        defaultValue={submitted(state, 'name') ?? prefillName ?? undefined}
        error={fieldError('name')}
      />
      <Field
        label={optIn ? t('phone') : t('phoneOptional')}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        required={optIn}
        maxLength={40}
        hint={t('phoneHint')}
        defaultValue={submitted(state, 'phone') ?? prefillPhone ?? undefined}
        error={fieldError('phone')}
      />
      {optIn && (
        <Field
          label={emailRequired ? t('emailRequired') : t('email')}
          name="email"
          type="email"
          autoComplete="email"
          required={emailRequired}
          maxLength={254}
          hint={emailRequired ? t('emailRequiredHint') : t('emailHint')}
          defaultValue={submitted(state, 'email')}
          error={fieldError('email')}
        />
      )}
      <SubmitButton pending={t('submitting')} className="btn-primary w-full py-3 text-lg">
        {optIn ? t('submitConsent') : t('submitRefusal')}
      </SubmitButton>
    </form>
  );
}
