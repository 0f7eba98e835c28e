import { getFormatter, getTranslations } from 'next-intl/server';
import type { LedgerLogInfo } from '@/lib/ledger/log-info';

/**
 * The tenant's transparency log (issue #16): its origin, the public key that signs its checkpoints (with a
 * fingerprint to compare), the latest signed checkpoint and its download, and where all of it is published.
 */
export async function LedgerLogCard({ info, tenantId }: { info: LedgerLogInfo; tenantId: string }) {
  const t = await getTranslations('ledger');
  const format = await getFormatter();
  const cp = info.checkpoint;
  return (
    <section className="card flex flex-col gap-3" aria-labelledby="tlog-h" data-testid="ledger-log">
      <div>
        <h2 id="tlog-h" className="font-semibold">
          {t('logTitle')}
        </h2>
        <p className="text-sm text-gray-700">{t('logHint')}</p>
      </div>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t('logOrigin')}</dt>
        <dd className="font-mono break-all">{info.origin}</dd>
        <dt className="font-medium">{t('logKey')}</dt>
        <dd className="font-mono break-all" data-testid="ledger-key">
          {info.key.vkey}
        </dd>
        <dt className="font-medium">{t('logFingerprint')}</dt>
        <dd className="font-mono break-all" data-testid="ledger-fingerprint">
          {info.key.fingerprint}
        </dd>
        <dt className="font-medium">{t('logCheckpoint')}</dt>
        <dd data-testid="ledger-checkpoint">
          {cp ? t('logCheckpointValue', { size: cp.size, time: format.dateTime(cp.createdAt, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' }) }) : t('logNoCheckpoint')}
        </dd>
      </dl>
      <div className="flex flex-wrap gap-3">
        {cp && (
          <a href={`/api/ledger/${tenantId}/checkpoint/${cp.size}`} className="btn-secondary" download={`checkpoint-${cp.size}.txt`}>
            {t('logDownload')}
          </a>
        )}
        <a href="/.well-known/einwilligung-ledger-keys" className="btn-secondary">
          {t('logKeys')}
        </a>
      </div>
      <p className="text-xs text-gray-700">{t('logAudit')}</p>
    </section>
  );
}
