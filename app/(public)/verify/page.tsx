import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { VerifyForm } from '@/components/evidence/verify-form';
import { LanguageSwitch } from '@/components/language-switch';
import { eventHashSchema } from '@/lib/evidence/schemas';

// GET /verify – paste the hash from a receipt; a well-formed one goes to /verify/<hash>.
export default async function VerifyIndex({ searchParams }: { searchParams: Promise<{ hash?: string }> }) {
  const t = await getTranslations('evidence.verify');
  const { hash } = await searchParams;
  const cleaned = typeof hash === 'string' ? hash.trim().toLowerCase() : undefined;
  if (cleaned && eventHashSchema.safeParse(cleaned).success) redirect(`/verify/${cleaned}`);
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-10">
      <div className="flex justify-end">
        <LanguageSwitch />
      </div>
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-gray-800">{t('intro')}</p>
      {cleaned !== undefined && (
        <p className="notice-error" role="alert">
          {t('invalid')}
        </p>
      )}
      <VerifyForm defaultHash={hash} />
    </main>
  );
}
