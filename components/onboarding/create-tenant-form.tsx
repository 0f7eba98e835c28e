'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { createTenantAction } from '@/app/(auth)/onboarding/actions';
import { Field } from '@/components/forms/field';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { slugify } from '@/lib/tenants/schemas';

export function CreateTenantForm() {
  const t = useTranslations('onboarding');
  const [state, action] = useActionState(createTenantAction, null);
  const fieldError = useFieldError(state);
  const [slug, setSlug] = useState(submitted(state, 'slug') ?? '');
  const [slugEdited, setSlugEdited] = useState(false);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage state={state} />
      <Field
        label={t('name')}
        name="name"
        required
        maxLength={120}
        autoComplete="organization"
        error={fieldError('name')} defaultValue={submitted(state, 'name')}
        onChange={(e) => !slugEdited && setSlug(slugify(e.target.value))}
      />
      <Field
        label={t('slug')}
        name="slug"
        required
        maxLength={40}
        hint={t('slugHint')}
        error={fieldError('slug')}
        value={slug}
        onChange={(e) => {
          setSlugEdited(true);
          setSlug(e.target.value);
        }}
      />
      <SubmitButton pending={t('submit') + ' …'}>{t('submit')}</SubmitButton>
    </form>
  );
}
