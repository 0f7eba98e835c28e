import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

// Auth.js redirects here with ?error=Verification for an expired or reused magic link.
export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations('signIn');
  const { error } = await searchParams;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t('errorTitle')}</h1>
      <p className="text-gray-700" role="alert">
        {error === 'Verification' ? t('errorVerification') : t('errorGeneric')}
      </p>
      <Link href="/signin" className="btn-primary mt-6">
        {t('again')}
      </Link>
    </>
  );
}
