import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { devOutboxEnabled } from '@/lib/config';

export default async function CheckEmailPage() {
  const t = await getTranslations('signIn');
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t('checkTitle')}</h1>
      <p className="text-gray-700" role="status">{t('checkBody')}</p>
      {devOutboxEnabled() && (
        <p className="mt-4 text-sm">
          {t('devHint')}{' '}
          <Link href="/dev/outbox" className="link">
            {t('openOutbox')}
          </Link>
        </p>
      )}
    </>
  );
}
