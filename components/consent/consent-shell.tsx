import type { ReactNode } from 'react';
import type { PublicTenant } from '@/lib/links/resolve-link';
import { LanguageSwitch, PublicDocument } from './document';
import type { PublicI18n } from './i18n';

type ShellTenant = Pick<PublicTenant, 'slug' | 'name' | 'legalName' | 'address' | 'contactPhone' | 'dpoName' | 'dpoEmail' | 'impressumUrl' | 'brandColor' | 'hasLogo'>;

/** Frame of every public consent page: the company's name and logo, its controller details, the language switch. */
export function ConsentShell({ i18n, tenant, back, title, children }: { i18n: PublicI18n; tenant: ShellTenant; back: string; title?: string; children: ReactNode }) {
  const { t } = i18n;
  const accent = tenant.brandColor && /^#[0-9a-fA-F]{6}$/.test(tenant.brandColor) ? tenant.brandColor : undefined;
  return (
    <PublicDocument i18n={i18n} title={`${title ?? t('consent.title')} · ${tenant.name}`}>
      <div className="wrap">
        <header className="top" style={accent ? { borderColor: accent } : undefined}>
          {/* eslint-disable-next-line @next/next/no-img-element -- plain HTML without the Next runtime; served by our own route, size-checked on upload */}
          {tenant.hasLogo && <img src={`/c/${tenant.slug}/logo`} alt="" width={80} height={40} />}
          <span className="brand">{tenant.name}</span>
          <LanguageSwitch i18n={i18n} back={back} />
        </header>
        <main id="main">{children}</main>
        <footer className="foot">
          <p>
            <strong>{t('consent.controller')}:</strong> {tenant.legalName ?? tenant.name}
            {tenant.address ? `, ${tenant.address.replace(/\n/g, ', ')}` : ''}
            {tenant.contactPhone ? ` · ${tenant.contactPhone}` : ''}
          </p>
          {(tenant.dpoName || tenant.dpoEmail) && (
            <p>
              <strong>{t('consent.dpo')}:</strong> {[tenant.dpoName, tenant.dpoEmail].filter(Boolean).join(', ')}
            </p>
          )}
          {tenant.impressumUrl && (
            <p>
              <a href={tenant.impressumUrl} rel="noopener noreferrer">
                {t('consent.impressum')}
              </a>
            </p>
          )}
        </footer>
      </div>
    </PublicDocument>
  );
}
