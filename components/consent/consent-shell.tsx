import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '@/components/language-switch';
import type { PublicTenant } from '@/lib/links/resolve-link';

/** Frame of every public consent page: the company's name and logo, its controller details, the language switch. */
export async function ConsentShell({ tenant, children }: { tenant: PublicTenant; children: ReactNode }) {
  const t = await getTranslations('consent');
  const accent = tenant.brandColor && /^#[0-9a-fA-F]{6}$/.test(tenant.brandColor) ? tenant.brandColor : '#0f766e';
  return (
    <div className="mx-auto flex min-h-screen max-w-xl flex-col px-4">
      <header className="flex items-center gap-3 border-b-4 py-4" style={{ borderColor: accent }}>
        {tenant.hasLogo && (
          // eslint-disable-next-line @next/next/no-img-element -- served by our own route, size-checked on upload
          <img src={`/c/${tenant.slug}/logo`} alt="" className="h-10 w-auto max-w-[8rem] object-contain" />
        )}
        <span className="text-lg font-bold">{tenant.name}</span>
        <div className="ml-auto">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="flex-1 py-6">
        {children}
      </main>
      <footer className="border-t border-gray-200 py-4 text-sm text-gray-700">
        <p>
          <span className="font-semibold">{t('controller')}:</span> {tenant.legalName ?? tenant.name}
          {tenant.address ? `, ${tenant.address.replace(/\n/g, ', ')}` : ''}
          {tenant.contactPhone ? ` · ${tenant.contactPhone}` : ''}
        </p>
        {(tenant.dpoName || tenant.dpoEmail) && (
          <p>
            <span className="font-semibold">{t('dpo')}:</span> {[tenant.dpoName, tenant.dpoEmail].filter(Boolean).join(', ')}
          </p>
        )}
        {tenant.impressumUrl && (
          <p>
            <a href={tenant.impressumUrl} className="link" rel="noopener noreferrer">
              {t('impressum')}
            </a>
          </p>
        )}
      </footer>
    </div>
  );
}
