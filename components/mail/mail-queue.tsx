import { getFormatter, getTranslations } from 'next-intl/server';
import type { MailQueue } from '@/lib/mail/queue-stats';

/** The tenant's mail queue: waiting per lane with the oldest one's age, mails given up on, the latest failures. */
export async function MailQueueView({ queue, now }: { queue: MailQueue; now: Date }) {
  const t = await getTranslations('mailQueue');
  const format = await getFormatter();
  return (
    <div className="flex flex-col gap-6">
      {queue.providerBlockedUntil && (
        <p className="notice-error" role="status">
          {t('providerBlocked', { until: format.dateTime(queue.providerBlockedUntil, { timeStyle: 'medium' }) })}
        </p>
      )}
      <section aria-labelledby="lanes-h" className="card">
        <h2 id="lanes-h" className="mb-3 font-semibold">
          {t('waitingTitle')}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-3">
          {queue.lanes.map((l) => (
            <div key={l.lane} data-testid={`lane-${l.lane}`}>
              <dt className="text-sm text-gray-700">{t(`lane_${l.lane}`)}</dt>
              <dd className="text-2xl font-bold">{l.waiting}</dd>
              <dd className="text-sm text-gray-700">
                {l.oldestCreatedAt ? t('oldest', { age: format.relativeTime(l.oldestCreatedAt, now) }) : t('none')}
              </dd>
            </div>
          ))}
          <div data-testid="lane-dead">
            <dt className="text-sm text-gray-700">{t('dead')}</dt>
            <dd className="text-2xl font-bold">{queue.dead}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="failures-h">
        <h2 id="failures-h" className="mb-2 font-semibold">
          {t('failuresTitle')}
        </h2>
        {queue.failures.length === 0 ? (
          <p className="text-gray-700">{t('noFailures')}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('to')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('error')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.failures.map((f) => (
                <tr key={f.id} className="border-t border-gray-100 align-top">
                  <td className="py-1 pr-2">{format.dateTime(f.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</td>
                  <td className="py-1 pr-2">{f.kind}</td>
                  <td className="py-1 pr-2">{f.to}</td>
                  <td className="py-1 pr-2">{t(`status_${f.status}`, { attempts: f.attempts })}</td>
                  <td className="py-1 break-all">{f.lastError}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
