import { getTranslations } from 'next-intl/server';
import { CreateTenantForm } from '@/components/onboarding/create-tenant-form';
import { requireUser } from '@/lib/auth/member-context';

export default async function OnboardingPage() {
  await requireUser();
  const t = await getTranslations('onboarding');
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t('title')}</h1>
      <p className="mb-6 text-gray-700">{t('intro')}</p>
      <CreateTenantForm />
    </>
  );
}
