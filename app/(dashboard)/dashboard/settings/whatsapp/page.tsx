import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ConnectForm } from '@/components/whatsapp/connect-form';
import { ConnectionActions } from '@/components/whatsapp/connection-actions';
import { KeywordsForm } from '@/components/whatsapp/keywords-form';
import { ReviewList } from '@/components/whatsapp/review-list';
import { requireMember } from '@/lib/auth/member-context';
import { appUrl } from '@/lib/config';
import { withTenant } from '@/lib/db/with-tenant';
import { whatsappSettingsData } from '@/lib/whatsapp/settings-connection';

// GET /dashboard/settings/whatsapp – connect the WhatsApp number, webhook details for Meta, review list, keywords.
export default async function WhatsappSettingsPage() {
  const ctx = await requireMember('profile.edit');
  const t = await getTranslations('whatsappUi.settings');
  const format = await getFormatter();
  const d = await withTenant(ctx.tenantId, (tx) => whatsappSettingsData(tx, ctx.tenantId));
  const c = d.connection;
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="wa-h">
        <p className="mb-1 text-sm">
          <Link href="/dashboard/settings" className="link">
            ← {(await getTranslations('nav'))('settings')}
          </Link>
        </p>
        <h1 id="wa-h" className="mb-2 text-2xl font-bold">
          {t('title')}
        </h1>
        <p className="mb-4 max-w-3xl text-gray-700">{t('intro')}</p>
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="card">
            <p className="mb-3 font-semibold" data-testid="whatsapp-status">
              {c ? t('connected', { number: c.displayNumber }) : t('notConnected')}
              {c?.simulated && <span className="ml-2 rounded bg-gray-100 px-2 py-0.5 text-xs">{t('simulated')}</span>}
            </p>
            {c && (
              <div className="mb-4 flex flex-col gap-2 text-sm text-gray-700">
                <p>{c.lastWebhookAt ? t('lastWebhook', { date: when(c.lastWebhookAt) }) : t('noWebhook')}</p>
                {c.lastTestAt && <p>{t('lastTest', { date: when(c.lastTestAt), result: c.lastTestOk ? 'ok' : 'failed' })}</p>}
                <ConnectionActions />
              </div>
            )}
            <ConnectForm current={c ? { phoneNumberId: c.phoneNumberId, businessAccountId: c.businessAccountId, displayNumber: c.displayNumber } : null} />
          </div>
          <section className="card h-fit" aria-labelledby="wa-webhook-h">
            <h2 id="wa-webhook-h" className="mb-2 text-lg font-semibold">
              {t('webhookTitle')}
            </h2>
            <p className="mb-3 text-sm text-gray-700">{t('webhookIntro')}</p>
            <dl className="flex flex-col gap-2 text-sm">
              <dt className="font-semibold">{t('webhookUrl')}</dt>
              <dd className="break-all font-mono" data-testid="whatsapp-webhook-url">
                {`${appUrl()}/api/whatsapp/webhook`}
              </dd>
              {d.verifyToken && (
                <>
                  <dt className="font-semibold">{t('verifyToken')}</dt>
                  <dd className="break-all font-mono" data-testid="whatsapp-verify-token">
                    {d.verifyToken}
                  </dd>
                </>
              )}
            </dl>
          </section>
        </div>
      </section>
      <section aria-labelledby="wa-review-h" className="card">
        <h2 id="wa-review-h" className="mb-1 text-lg font-semibold">
          {t('reviewTitle')}
        </h2>
        <p className="mb-4 text-sm text-gray-700">{t('reviewIntro')}</p>
        <ReviewList items={d.review} />
      </section>
      <section aria-labelledby="wa-keywords-h" className="card">
        <h2 id="wa-keywords-h" className="mb-1 text-lg font-semibold">
          {t('keywordsTitle')}
        </h2>
        <p className="mb-4 text-sm text-gray-700">{t('keywordsIntro')}</p>
        <KeywordsForm own={d.keywords.own} defaults={d.keywords.defaults} />
      </section>
    </div>
  );
}
