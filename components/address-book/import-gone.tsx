import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** A finished or expired import: only what is kept is mentioned, nothing of the contacts. */
export async function ImportGone({ finished }: { finished: boolean }) {
  const t = await getTranslations('addressBook');
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p role="status" className="card" data-testid="import-gone">
        {finished ? t('finish.done') : t('importGone')}
      </p>
      <Link className="link" href="/dashboard/address-book">
        {t('checksTitle')}
      </Link>
    </div>
  );
}
