import type { UploadRefusal, UploadVerification } from '@/lib/evidence/verify-upload';
import type { PublicI18n } from './i18n';

export type ReceiptOutcome = { kind: 'receipt'; result: UploadVerification } | { kind: 'uploadRefused'; reason: UploadRefusal };

const CHECKS = ['key', 'signature', 'inclusion', 'consistency'] as const;

/** POST form to upload a receipt JSON (multipart; works without JavaScript). */
export function ReceiptUploadForm({ i18n }: { i18n: PublicI18n }) {
  const { t } = i18n;
  return (
    <form method="post" action="/verify" encType="multipart/form-data" className="stack" aria-labelledby="upload-h">
      <h2 id="upload-h">{t('evidence.verify.uploadTitle')}</h2>
      <p className="small">{t('evidence.verify.uploadIntro')}</p>
      <div className="field">
        <label htmlFor="receipt" className="label">
          {t('evidence.verify.uploadLabel')}
        </label>
        <input id="receipt" name="receipt" type="file" accept=".json,application/json" className="input" required />
      </div>
      <p>
        <button type="submit" className="btn">
          {t('evidence.verify.uploadSubmit')}
        </button>
      </p>
    </form>
  );
}

/** The verdict on an uploaded receipt: each check with what it found, or why the file was not checked at all. */
export function ReceiptResult({ i18n, outcome }: { i18n: PublicI18n; outcome: ReceiptOutcome }) {
  const { t } = i18n;
  if (outcome.kind === 'uploadRefused') {
    return (
      <p className="bad" role="alert" data-testid="receipt-refused">
        {t(`evidence.verify.refused_${outcome.reason}`)}
      </p>
    );
  }
  const r = outcome.result;
  return (
    <section className="card" aria-live="polite" data-testid="receipt-result">
      <p className={r.ok ? 'ok' : 'bad'} role={r.ok ? undefined : 'alert'}>
        <strong data-testid="receipt-verdict">{t(r.ok ? 'evidence.verify.receiptOk' : 'evidence.verify.receiptBad')}</strong>
      </p>
      <dl className="dl mb">
        {r.tenantName && (
          <>
            <dt>{t('evidence.verify.company')}</dt>
            <dd>{r.tenantName}</dd>
          </>
        )}
        <dt>{t('evidence.verify.receiptEvent')}</dt>
        <dd className="tiny mono">{r.eventHash ? <a href={`/verify/${r.eventHash}`}>{r.eventHash}</a> : '–'}</dd>
        {r.checkpoint && (
          <>
            <dt>{t('evidence.verify.receiptCheckpoint')}</dt>
            <dd className="tiny mono">{t('evidence.verify.receiptCheckpointValue', { origin: r.checkpoint.origin, size: r.checkpoint.size, index: r.index })}</dd>
          </>
        )}
        {r.latestSize !== null && (
          <>
            <dt>{t('evidence.verify.receiptLatest')}</dt>
            <dd>{r.latestSize}</dd>
          </>
        )}
      </dl>
      <ul className="small" aria-label={t('evidence.verify.checks')}>
        {r.checks.map((c) => (
          <li key={c.name} data-testid={`check-${c.name}`} data-ok={c.ok ? 'true' : 'false'}>
            <strong className={c.ok ? 'good' : 'broken'}>
              {CHECKS.includes(c.name as (typeof CHECKS)[number]) ? t(`evidence.verify.check_${c.name}`) : c.name}: {t(c.ok ? 'evidence.verify.checkOk' : 'evidence.verify.checkFailed')}
            </strong>{' '}
            <span className="tiny mono">{c.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
