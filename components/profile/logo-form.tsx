'use client';

import Image from 'next/image';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { removeLogoAction, uploadLogoAction } from '@/app/(dashboard)/dashboard/settings/actions';
import { FormMessage, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { LOGO_MAX_BYTES, LOGO_TYPES } from '@/lib/tenants/profile-schema';

/** Upload (PNG, JPEG, WebP, ≤ 300 kB; the server checks the bytes) or remove the logo shown on the consent page. */
export function LogoForm({ logoUrl }: { logoUrl: string | null }) {
  const t = useTranslations('profile');
  const [state, action] = useActionState(uploadLogoAction, null);
  const [removeState, removeAction] = useActionState(removeLogoAction, null);
  const serverError = useFieldError(state)('logo');
  const [tooLarge, setTooLarge] = useState(false);
  const error = tooLarge ? t('errors.logoTooLarge') : serverError;
  return (
    <div className="flex flex-col gap-4">
      {logoUrl ? (
        <Image src={logoUrl} alt={t('logoCurrent')} width={200} height={80} unoptimized style={{ height: 80, width: 'auto' }} className="max-w-full object-contain" />
      ) : (
        <p className="text-gray-700">{t('logoNone')}</p>
      )}
      <form
        action={action}
        className="flex flex-col gap-3"
        noValidate
        onSubmit={(e) => {
          if (tooLarge) e.preventDefault(); // the server would refuse it too; spare the upload
        }}
      >
        <FormMessage state={state} success={t('logoSaved')} />
        <div className="field">
          <label htmlFor="f-logo" className="label">
            {t('fields.logo')}
          </label>
          <input
            id="f-logo"
            name="logo"
            type="file"
            required
            accept={LOGO_TYPES.join(',')}
            className="text-sm"
            aria-invalid={error ? true : undefined}
            aria-describedby={['f-logo-hint', error && 'f-logo-error'].filter(Boolean).join(' ')}
            onChange={(e) => setTooLarge((e.target.files?.[0]?.size ?? 0) > LOGO_MAX_BYTES)}
          />
          <p id="f-logo-hint" className="hint">
            {t('fields.logoHint')}
          </p>
          {error && (
            <p id="f-logo-error" className="error" role="alert">
              {error}
            </p>
          )}
        </div>
        <SubmitButton pending={t('logoUploading')}>{t('logoUpload')}</SubmitButton>
      </form>
      {logoUrl && (
        <form action={removeAction}>
          <FormMessage state={removeState} />
          <SubmitButton pending={t('logoRemoving')} className="btn-secondary">
            {t('logoRemove')}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
