import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/language-switch';

export default async function LandingPage() {
  const t = await getTranslations('landing');
  return (
    <main id="main" className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-16">
      <div className="flex justify-end">
        <LanguageSwitch />
      </div>
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      <p className="text-lg text-gray-700">{t('body')}</p>
      <div className="flex gap-3">
        <Link href="/signin" className="btn-primary">
          {t('signIn')}
        </Link>
        <Link href="/dashboard" className="btn-secondary">
          {t('dashboard')}
        </Link>
      </div>
    </main>
  );
}
