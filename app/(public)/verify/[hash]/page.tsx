import { getFormatter, getTranslations } from 'next-intl/server';
import { VerifyForm } from '@/components/evidence/verify-form';
import { LanguageSwitch } from '@/components/language-switch';
import { eventHashSchema } from '@/lib/evidence/schemas';
import { verifyEventByHash } from '@/lib/evidence/verify-event';
import { requestInfo } from '@/lib/http/request-info';
import { hitRateLimit } from '@/lib/rate-limit';

export const dynamic = 'force-dynamic';

// GET /verify/[hash] – public: does this event exist, and is its company's chain intact? Shows no personal data.
export default async function VerifyPage({ params }: { params: Promise<{ hash: string }> }) {
  const { hash } = await params;
  const t = await getTranslations('evidence.verify');
  const tType = await getTranslations('evidence.type');
  const tReason = await getTranslations('evidence.report.reasons');
  const format = await getFormatter();
  const valid = eventHashSchema.safeParse(hash).success;
  // Verifying recomputes the events after the cached verified prefix (bounded per request): limit it per client address.
  const allowed = valid && (await hitRateLimit(`verify:ip:${(await requestInfo()).rawIp}`, Number(process.env.VERIFY_RATE_LIMIT_IP ?? 20)));
  const result = allowed ? await verifyEventByHash(hash) : null;
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-10">
      <div className="flex justify-end">
        <LanguageSwitch />
      </div>
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="break-all font-mono text-xs text-gray-700">{hash}</p>
      {!valid ? (
        <p className="notice-error" role="alert">
          {t('invalid')}
        </p>
      ) : !allowed ? (
        <p className="notice-error" role="alert">
          {t('rateLimited')}
        </p>
      ) : !result ? (
        <div className="notice-error" role="alert">
          <p className="font-semibold">{t('notFound')}</p>
          <p>{t('notFoundHint')}</p>
        </div>
      ) : (
        <section className="card flex flex-col gap-2" aria-live="polite">
          <p className="notice-ok font-semibold" data-testid="verify-found">
            {t('found')}
          </p>
          <dl className="grid grid-cols-[10rem_1fr] gap-1">
            <dt className="font-semibold">{t('company')}</dt>
            <dd>{result.tenantName}</dd>
            <dt className="font-semibold">{t('type')}</dt>
            <dd>{tType(result.type)}</dd>
            <dt className="font-semibold">{t('time')}</dt>
            <dd>{format.dateTime(result.occurredAt, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' })}</dd>
            <dt className="font-semibold">{t('seq')}</dt>
            <dd>#{result.seq}</dd>
            <dt className="font-semibold">{t('chain')}</dt>
            <dd data-testid="verify-chain" className={result.chain.ok ? 'text-green-800' : 'text-red-800'}>
              {!result.chain.ok
                ? t('broken', { seq: result.chain.firstBreak!.seq, reason: tReason(result.chain.firstBreak!.reason) })
                : result.chain.complete
                  ? t('intact', { events: result.chain.events })
                  : t('partial', { verified: result.chain.verifiedUpTo })}
            </dd>
          </dl>
          <p className="text-sm text-gray-700">{t('privacy')}</p>
        </section>
      )}
      <VerifyForm />
    </main>
  );
}
