import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ChecksList } from '@/components/address-book/checks-list';
import { UploadForm } from '@/components/address-book/upload-form';
import { listChecks, sweepExpiredImports } from '@/lib/address-book/finish-import';
import { listOpenImports } from '@/lib/address-book/load-import';
import { REGIONS } from '@/lib/address-book/schemas';
import { requireMember } from '@/lib/auth/member-context';
import { can } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';

const ERRORS = ['addressBook.notAContactFile', 'addressBook.tooLarge', 'addressBook.tooManyContacts', 'addressBook.importGone'] as const;

/** Known error keys only: the query string is the client's. */
function errorKey(v: string | string[] | undefined): (typeof ERRORS)[number] | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  const key = s && !s.startsWith('addressBook.') ? `addressBook.${s}` : s;
  return ERRORS.find((e) => e === key);
}

export default async function AddressBookPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireMember('addressBook.checks');
  const t = await getTranslations();
  const locale = await getLocale();
  const canUse = can(ctx.role, 'addressBook.use');
  const { open, checks } = await withTenant(ctx.tenantId, async (tx) => {
    await sweepExpiredImports(tx); // lazy: the tenant's imports older than 24 h go before anything is shown
    return { open: canUse ? await listOpenImports(tx, ctx) : [], checks: await listChecks(tx, ctx.tenantId) };
  });
  const error = errorKey((await searchParams).error);
  const fmt = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <header>
        <h1 className="mb-2 text-2xl font-bold">{t('addressBook.title')}</h1>
        <p className="mb-2 max-w-prose text-gray-700">{t('addressBook.intro')}</p>
        <p className="max-w-prose rounded border border-gray-200 bg-gray-50 p-3 text-sm text-gray-800" data-testid="privacy">
          {t('addressBook.privacy')}
        </p>
      </header>
      {canUse ? (
        <section aria-labelledby="ab-upload" className="card">
          <h2 id="ab-upload" className="mb-3 font-semibold">
            {t('addressBook.upload.title')}
          </h2>
          <UploadForm
            regions={REGIONS}
            errorText={error ? t(error) : undefined}
            labels={{
              file: t('addressBook.upload.file'),
              region: t('addressBook.upload.region'),
              submit: t('addressBook.upload.submit'),
              uploading: t.raw('addressBook.upload.uploading') as string,
              processing: t('addressBook.upload.processing'),
              failed: t('addressBook.upload.failed'),
            }}
          />
        </section>
      ) : (
        <p className="text-gray-700">{t('addressBook.dpoOnly')}</p>
      )}
      {open.length > 0 && (
        <section aria-labelledby="ab-open">
          <h2 id="ab-open" className="mb-2 font-semibold">
            {t('addressBook.openImports')}
          </h2>
          <ul className="flex flex-col gap-1">
            {open.map((o) => (
              <li key={o.id}>
                <Link className="link" href={`/dashboard/address-book/${o.id}`}>
                  {t('addressBook.openImport', { date: fmt.format(o.createdAt), expires: fmt.format(o.expiresAt) })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="ab-checks">
        <h2 id="ab-checks" className="mb-2 font-semibold">
          {t('addressBook.checksTitle')}
        </h2>
        <ChecksList checks={checks} locale={locale} />
      </section>
    </div>
  );
}
