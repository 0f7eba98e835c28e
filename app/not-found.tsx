import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('dashboard');
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">{t('notFoundTitle')}</h1>
      <p className="mt-3 text-gray-700">{t('notFoundBody')}</p>
      <Link href="/" className="link mt-6 inline-block">
        {t('toDashboard')}
      </Link>
    </main>
  );
}
