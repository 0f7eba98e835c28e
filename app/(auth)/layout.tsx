import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '@/components/language-switch';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('app');
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-md items-center justify-between px-4 py-4">
        <Link href="/" className="font-bold">
          {t('name')}
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="mx-auto max-w-md px-4 pb-16">
        <div className="card">{children}</div>
      </main>
    </div>
  );
}
