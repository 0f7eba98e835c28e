import { Field } from '@/components/forms/field';
import type { FormFailure } from './form-state';
import { errorText, fieldErrorText, type PublicI18n } from './i18n';

type Props = {
  i18n: PublicI18n;
  /** Where the form posts: the consent page's own URL (its route handler's POST). */
  action: string;
  decision: 'opt_in' | 'opt_out';
  idempotencyKey: string;
  noticeVersionId?: string;
  /** Double opt-in: the consent is confirmed through a link mailed to this address, so it is required. */
  emailRequired?: boolean;
  prefillName?: string | null;
  prefillPhone?: string | null;
  failure?: FormFailure | null;
};

/**
 * The last step of the public flow: contact details and submit. A plain HTML form posting to the page's route
 * handler, which answers 303 to the personal page or this form again with every field error and the typed input.
 * The idempotency key makes a double submit or a reload record one decision only.
 */
export function DecisionForm({ i18n, action, decision, idempotencyKey, noticeVersionId, emailRequired, prefillName, prefillPhone, failure }: Props) {
  const { t, locale } = i18n;
  const optIn = decision === 'opt_in';
  const errors = failure?.problem.errors ?? {};
  const fieldError = (name: string) => (errors[name] ? fieldErrorText(t, errors[name]) : undefined);
  const value = (name: string) => failure?.values[name];
  return (
    <form method="post" action={action} className="stack" noValidate>
      {failure && (
        <p className="bad" role="alert">
          {errorText(t, failure.problem.code)}
        </p>
      )}
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="locale" value={locale} />
      {optIn && <input type="hidden" name="noticeVersionId" value={noticeVersionId} />}
      {optIn && <input type="hidden" name="confirmed" value="1" />}
      {fieldError('confirmed') && (
        <p className="error" role="alert">
          {fieldError('confirmed')}
        </p>
      )}
      <Field label={optIn ? t('consent.name') : t('consent.nameOptional')} name="name" autoComplete="name" required={optIn} maxLength={120} defaultValue={value('name') ?? prefillName ?? undefined} error={fieldError('name')} />
      <Field
        label={optIn ? t('consent.phone') : t('consent.phoneOptional')}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        required={optIn}
        maxLength={40}
        hint={t('consent.phoneHint')}
        defaultValue={value('phone') ?? prefillPhone ?? undefined}
        error={fieldError('phone')}
      />
      {optIn && (
        <Field
          label={emailRequired ? t('consent.emailRequired') : t('consent.email')}
          name="email"
          type="email"
          autoComplete="email"
          required={emailRequired}
          maxLength={254}
          hint={emailRequired ? t('consent.emailRequiredHint') : t('consent.emailHint')}
          defaultValue={value('email')}
          error={fieldError('email')}
        />
      )}
      <button type="submit" className="btn full">
        {optIn ? t('consent.submitConsent') : t('consent.submitRefusal')}
      </button>
    </form>
  );
}
