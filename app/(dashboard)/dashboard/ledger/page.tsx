import { getTranslations } from 'next-intl/server';
import { requireMember } from '@/lib/auth/member-context';

export default async function LedgerPage() {
  await requireMember('ledger.read');
  const t = await getTranslations('ledger');
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t('title')}</h1>
      <p className="text-gray-700">{t('empty')}</p>
    </>
  );
}
