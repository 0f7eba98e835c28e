import { getTranslations } from 'next-intl/server';
import { MailQueueView } from '@/components/mail/mail-queue';
import { requireMember } from '@/lib/auth/member-context';
import { mailQueue } from '@/lib/mail/queue-stats';

export const dynamic = 'force-dynamic';

// GET /dashboard/mail – the tenant's mail queue: what waits, since when, and what failed with the provider's error.
export default async function MailQueuePage() {
  const ctx = await requireMember('mail.queue');
  const t = await getTranslations('mailQueue');
  const queue = await mailQueue(ctx.tenantId);
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">{t('title')}</h1>
      <p className="mb-5 text-gray-800">{t('intro')}</p>
      <MailQueueView queue={queue} now={new Date()} />
    </div>
  );
}
