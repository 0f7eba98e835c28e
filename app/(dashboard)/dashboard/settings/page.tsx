import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LogoForm } from '@/components/profile/logo-form';
import { ProfileForm } from '@/components/profile/profile-form';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { getProfile } from '@/lib/tenants/get-profile';

export default async function SettingsPage() {
  const ctx = await requireMember('profile.edit');
  const t = await getTranslations('profile');
  const tWa = await getTranslations('whatsappUi.settings');
  const p = await withTenant(ctx.tenantId, (tx) => getProfile(tx, ctx.tenantId));
  const logoUrl = p.logo ? `/c/${p.slug}/logo?v=${p.logo.version}` : null;
  const profile = {
    name: p.name,
    legalName: p.legalName,
    address: p.address,
    controllerRepresentative: p.controllerRepresentative,
    dpoName: p.dpoName,
    dpoEmail: p.dpoEmail,
    impressumUrl: p.impressumUrl,
    evidenceEmail: p.evidenceEmail,
    contactPhone: p.contactPhone,
    brandColor: p.brandColor,
    doubleOptIn: p.doubleOptIn,
    evidenceDelivery: p.evidenceDelivery,
  };
  return (
    <div className="grid gap-8 lg:grid-cols-[3fr_2fr]">
      <section aria-labelledby="profile-h">
        <h1 id="profile-h" className="mb-2 text-2xl font-bold">
          {t('title')}
        </h1>
        <p className="mb-6 text-gray-700">{t('intro', { slug: p.slug })}</p>
        <p className="mb-6">
          <Link href="/dashboard/settings/whatsapp" className="link">
            {tWa('link')}
          </Link>
        </p>
        <div className="card">
          <ProfileForm profile={profile} />
        </div>
      </section>
      <section aria-labelledby="logo-h" className="card h-fit">
        <h2 id="logo-h" className="mb-4 text-lg font-semibold">
          {t('logoTitle')}
        </h2>
        <LogoForm logoUrl={logoUrl} />
      </section>
    </div>
  );
}
