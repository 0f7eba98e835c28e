'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { updateProfileAction } from '@/app/(dashboard)/dashboard/settings/actions';
import { FormMessage, submitted, useFieldError } from '@/components/forms/form-message';
import { SubmitButton } from '@/components/forms/submit-button';
import { Field, TextareaField } from '@/components/forms/field';
import type { EvidenceDelivery } from '@/lib/tenants/profile-schema';
import { BrandColorField } from './brand-color-field';
import { EvidenceOptions } from './evidence-options';

export type ProfileValues = {
  name: string;
  legalName: string | null;
  address: string | null;
  controllerRepresentative: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
  impressumUrl: string | null;
  evidenceEmail: string | null;
  contactPhone: string | null;
  brandColor: string | null;
  doubleOptIn: boolean;
  evidenceDelivery: EvidenceDelivery;
};

/** The company profile: identity of the controller (Art. 13 DSGVO), contacts, branding and the opt-in mode. */
export function ProfileForm({ profile }: { profile: ProfileValues }) {
  const t = useTranslations('profile');
  const tApp = useTranslations('app');
  const [state, action] = useActionState(updateProfileAction, null);
  const fieldError = useFieldError(state);
  const value = (f: Exclude<keyof ProfileValues, 'doubleOptIn' | 'evidenceDelivery'>) => submitted(state, f) ?? profile[f] ?? '';
  const doubleOptIn = state && !state.ok ? submitted(state, 'doubleOptIn') === 'on' : profile.doubleOptIn;
  const delivery = ((state && !state.ok ? submitted(state, 'evidenceDelivery') : undefined) as EvidenceDelivery | undefined) ?? profile.evidenceDelivery;
  const success = state?.ok ? (state.data.changed.length ? t('saved') : t('unchanged')) : undefined;
  return (
    <form action={action} className="flex flex-col gap-6" noValidate>
      <FormMessage state={state} success={success} />
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold">{t('companyGroup')}</legend>
        <Field label={t('fields.name')} name="name" required maxLength={120} autoComplete="organization" hint={t('fields.nameHint')} error={fieldError('name')} defaultValue={value('name')} />
        <Field label={t('fields.legalName')} name="legalName" maxLength={200} hint={t('fields.legalNameHint')} error={fieldError('legalName')} defaultValue={value('legalName')} />
        <TextareaField label={t('fields.address')} name="address" rows={3} maxLength={500} autoComplete="street-address" error={fieldError('address')} defaultValue={value('address')} />
        <Field label={t('fields.controllerRepresentative')} name="controllerRepresentative" maxLength={200} hint={t('fields.controllerRepresentativeHint')} error={fieldError('controllerRepresentative')} defaultValue={value('controllerRepresentative')} />
        <Field label={t('fields.impressumUrl')} name="impressumUrl" type="url" inputMode="url" maxLength={500} placeholder="https://" error={fieldError('impressumUrl')} defaultValue={value('impressumUrl')} />
        <Field label={t('fields.contactPhone')} name="contactPhone" type="tel" autoComplete="tel" maxLength={30} error={fieldError('contactPhone')} defaultValue={value('contactPhone')} />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold">{t('privacyGroup')}</legend>
        <Field label={t('fields.dpoName')} name="dpoName" maxLength={200} error={fieldError('dpoName')} defaultValue={value('dpoName')} />
        <Field label={t('fields.dpoEmail')} name="dpoEmail" type="email" maxLength={254} error={fieldError('dpoEmail')} defaultValue={value('dpoEmail')} />
        <Field label={t('fields.evidenceEmail')} name="evidenceEmail" type="email" maxLength={254} hint={t('fields.evidenceEmailHint')} error={fieldError('evidenceEmail')} defaultValue={value('evidenceEmail')} />
        <EvidenceOptions delivery={delivery} doubleOptIn={doubleOptIn} deliveryError={fieldError('evidenceDelivery')} />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold">{t('brandingGroup')}</legend>
        <BrandColorField initial={value('brandColor')} error={fieldError('brandColor')} />
      </fieldset>
      <SubmitButton pending={tApp('saving')}>{tApp('save')}</SubmitButton>
    </form>
  );
}
