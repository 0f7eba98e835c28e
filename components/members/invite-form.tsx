'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { inviteMemberAction } from '@/app/(dashboard)/dashboard/members/actions';
import { Field } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import type { Role } from '@/lib/auth/permissions';

export function InviteMemberForm({ roles }: { roles: Role[] }) {
  const t = useTranslations('members');
  const tRoles = useTranslations('roles');
  const locale = useLocale();
  const [state, action] = useActionState(inviteMemberAction, null);
  const fieldError = useFieldError(state);
  const roleError = fieldError('role');
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} success={state?.ok ? t('invited', { email: state.data.email }) : undefined} />
      <input type="hidden" name="locale" value={locale} />
      <Field label={t('email')} name="email" type="email" required maxLength={254} autoComplete="off" error={fieldError('email')} defaultValue={submitted(state, 'email')} />
      <div className="field">
        <label htmlFor="f-role" className="label">
          {t('role')}
        </label>
        <select id="f-role" name="role" className="input" defaultValue={submitted(state, 'role') ?? ''} key={submitted(state, 'role') ?? ''} aria-invalid={roleError ? true : undefined} aria-describedby={roleError ? 'f-role-error' : undefined}>
          <option value="" disabled>
            {t('chooseRole')}
          </option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {tRoles(r)}
            </option>
          ))}
        </select>
        {roleError && (
          <p id="f-role-error" className="error" role="alert">
            {roleError}
          </p>
        )}
      </div>
      <SubmitButton pending={t('inviting')}>{t('invite')}</SubmitButton>
    </form>
  );
}
