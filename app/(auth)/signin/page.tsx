import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const t = await getTranslations('signIn');
  const { callbackUrl } = await searchParams;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t('title')}</h1>
      <p className="mb-6 text-gray-700">{t('intro')}</p>
      <SignInForm callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} />
    </>
  );
}
