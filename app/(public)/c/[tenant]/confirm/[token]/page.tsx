import { randomUUID } from 'node:crypto';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ConsentShell } from '@/components/consent/consent-shell';
import { PersonalActionForm } from '@/components/consent/personal-action-form';
import { findContactByToken } from '@/lib/consent/find-contact';
import { withSystem } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { confirmAction } from '../../actions';

export const dynamic = 'force-dynamic';

// GET /c/[tenant]/confirm/[token] – double opt-in: a button, not the GET itself, confirms (mail scanners open links).
export default async function ConfirmPage({ params }: { params: Promise<{ tenant: string; token: string }> }) {
  const { tenant: slug, token } = await params;
  const t = await getTranslations('consent');
  const locale = await getLocale();
  const { tenant } = await withSystem((tx) => findContactByToken(tx, slug, token, 'confirm')).catch((err) => {
    if (err instanceof DomainError) notFound();
    throw err;
  });
  return (
    <ConsentShell tenant={tenant}>
      <h1 className="mb-3 text-2xl font-bold">{t('confirmTitle')}</h1>
      <p className="mb-5 text-gray-800">{t('confirmIntro', { company: tenant.name })}</p>
      <PersonalActionForm action={confirmAction.bind(null, slug, token)} idempotencyKey={randomUUID()} locale={locale} label={t('confirm')} pending={t('confirming')} />
    </ConsentShell>
  );
}
