import type { verifyEventByHash } from '@/lib/evidence/verify-event';
import { LanguageSwitch, PublicDocument } from './document';
import type { PublicI18n } from './i18n';
import { ReceiptResult, ReceiptUploadForm, type ReceiptOutcome } from './verify-receipt';

type Verified = NonNullable<Awaited<ReturnType<typeof verifyEventByHash>>>;
export type VerifyOutcome = { kind: 'form' } | { kind: 'invalid' } | { kind: 'rateLimited' } | { kind: 'notFound' } | { kind: 'found'; result: Verified; hash: string } | ReceiptOutcome;

/** GET form to look up an event hash (works without JavaScript). */
function VerifyForm({ i18n, defaultHash }: { i18n: PublicI18n; defaultHash?: string }) {
  const { t } = i18n;
  return (
    <form method="get" action="/verify" className="stack">
      <div className="field">
        <label htmlFor="hash" className="label">
          {t('evidence.verify.hashLabel')}
        </label>
        <input id="hash" name="hash" className="input mono" maxLength={200} defaultValue={defaultHash} aria-describedby="hash-hint" autoComplete="off" spellCheck={false} />
        <p id="hash-hint" className="hint">
          {t('evidence.verify.hashHint')}
        </p>
      </div>
      <p>
        <button type="submit" className="btn">
          {t('evidence.verify.submit')}
        </button>
      </p>
    </form>
  );
}

function Found({ i18n, result, hash }: { i18n: PublicI18n; result: Verified; hash: string }) {
  const { t, dateTime } = i18n;
  const { chain } = result;
  return (
    <section className="card" aria-live="polite">
      <p className="ok" data-testid="verify-found">
        <strong>{t('evidence.verify.found')}</strong>
      </p>
      <dl className="dl mb">
        <dt>{t('evidence.verify.company')}</dt>
        <dd>{result.tenantName}</dd>
        <dt>{t('evidence.verify.type')}</dt>
        <dd>{t(`evidence.type.${result.type}`)}</dd>
        <dt>{t('evidence.verify.time')}</dt>
        <dd>{dateTime(result.occurredAt)}</dd>
        <dt>{t('evidence.verify.seq')}</dt>
        <dd>{result.seq === null ? '–' : `#${result.seq}`}</dd>
        <dt>{t('evidence.verify.log')}</dt>
        <dd data-testid="verify-seal">
          {result.sealedIn === null ? (
            t('evidence.verify.recorded')
          ) : (
            <>
              {t('evidence.verify.sealedIn', { n: result.sealedIn })} ·{' '}
              <a href={`/verify/${hash}/proof.json`} download data-testid="proof-download">
                {t('evidence.verify.proofDownload')}
              </a>
            </>
          )}
        </dd>
        <dt>{t('evidence.verify.chain')}</dt>
        <dd data-testid="verify-chain" className={chain.ok ? 'good' : 'broken'}>
          {!chain.ok
            ? t('evidence.verify.broken', { seq: chain.firstBreak!.seq, reason: t(`evidence.report.reasons.${chain.firstBreak!.reason}`) })
            : chain.complete
              ? t('evidence.verify.intact', { events: chain.events })
              : t('evidence.verify.partial', { verified: chain.verifiedUpTo })}
        </dd>
      </dl>
      <p className="small">{t('evidence.verify.privacy')}</p>
    </section>
  );
}

/**
 * /verify and /verify/<hash>: does this event exist, is it sealed, and is its company's chain intact? And POST /verify:
 * does an uploaded receipt's proof verify with the published key? No personal data.
 */
export function VerifyPage({ i18n, self, hash, outcome }: { i18n: PublicI18n; self: string; hash?: string; outcome: VerifyOutcome }) {
  const { t } = i18n;
  return (
    <PublicDocument i18n={i18n} title={t('evidence.verify.title')}>
      <main id="main" className="wrap stack">
        <div className="top" style={{ borderBottomWidth: 0 }}>
          <LanguageSwitch i18n={i18n} back={self} />
        </div>
        <h1>{t('evidence.verify.title')}</h1>
        {outcome.kind === 'form' ? <p>{t('evidence.verify.intro')}</p> : hash && <p className="tiny mono">{hash}</p>}
        {(outcome.kind === 'invalid' || outcome.kind === 'rateLimited') && (
          <p className="bad" role="alert">
            {t(`evidence.verify.${outcome.kind}`)}
          </p>
        )}
        {outcome.kind === 'notFound' && (
          <div className="bad" role="alert">
            <p>
              <strong>{t('evidence.verify.notFound')}</strong>
            </p>
            <p>{t('evidence.verify.notFoundHint')}</p>
          </div>
        )}
        {outcome.kind === 'found' && <Found i18n={i18n} result={outcome.result} hash={outcome.hash} />}
        {(outcome.kind === 'receipt' || outcome.kind === 'uploadRefused') && <ReceiptResult i18n={i18n} outcome={outcome} />}
        <VerifyForm i18n={i18n} defaultHash={outcome.kind === 'invalid' && !self.startsWith('/verify/') ? hash : undefined} />
        <ReceiptUploadForm i18n={i18n} />
      </main>
    </PublicDocument>
  );
}
