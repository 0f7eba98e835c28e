import type { FormFailure } from './form-state';
import { errorText, type PublicI18n } from './i18n';

/** One-button form (withdraw, confirm) carrying an idempotency key; a plain HTML post answered with 303. */
export function PersonalActionForm({ i18n, action, idempotencyKey, label, danger, failure }: { i18n: PublicI18n; action: string; idempotencyKey: string; label: string; danger?: boolean; failure?: FormFailure | null }) {
  return (
    <form method="post" action={action} className="stack">
      {failure && (
        <p className="bad" role="alert">
          {errorText(i18n.t, failure.problem.code)}
        </p>
      )}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="locale" value={i18n.locale} />
      <button type="submit" className={danger ? 'btn btn-danger full' : 'btn full'}>
        {label}
      </button>
    </form>
  );
}
