import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ConsentShell } from '@/components/consent/consent-shell';
import { DecisionForm } from '@/components/consent/decision-form';
import { LinkUnavailable } from '@/components/consent/link-unavailable';
import { Markdown } from '@/components/notices/markdown';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { requestInfo } from '@/lib/http/request-info';
import type { Locale } from '@/lib/i18n/locales';
import { countLinkOpen, resolveInviteLink } from '@/lib/links/resolve-link';
import { findPublishedVersion } from '@/lib/notices/find-published-version';
import { submitDecisionAction } from '../actions';

export const dynamic = 'force-dynamic';

const stepSchema = z.enum(['notice', 'details', 'refuse']).optional().catch(undefined);
const keySchema = z.uuid().optional().catch(undefined);

type Props = { params: Promise<{ tenant: string; token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /c/[tenant]/[token] – the public consent page: question → notice → details, or question → refusal.
export default async function ConsentPage({ params, searchParams }: Props) {
  const { tenant: slug, token } = await params;
  const sp = await searchParams;
  const step = stepSchema.parse(sp.step);
  // The idempotency key travels in the URL from the first step on: reload and back button keep it.
  const key = keySchema.parse(sp.k) ?? randomUUID();
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations('consent');

  const resolved = await withSystem((tx) => resolveInviteLink(tx, slug, token)).catch((err) => {
    if (err instanceof DomainError) notFound();
    throw err;
  });
  const { tenant, link, status } = resolved;
  if (status !== 'active') {
    return (
      <ConsentShell tenant={tenant}>
        <LinkUnavailable tenant={tenant} status={status} />
      </ConsentShell>
    );
  }
  const notice = await withTenant(tenant.id, async (tx) => {
    if (!step) await countLinkOpen(tx, link, (await requestInfo()).userAgent);
    return findPublishedVersion(tx, tenant.id, link.noticeId, locale);
  });
  const base = `/c/${slug}/${token}`;
  const company = tenant.name;
  const action = submitDecisionAction.bind(null, slug, token);
  const confirmedInQuery = sp.confirmed === '1';

  if (step === 'refuse') {
    return (
      <ConsentShell tenant={tenant}>
        <p className="mb-1 text-sm text-gray-700">{t('stepOf', { step: 2, total: 2 })}</p>
        <h1 className="mb-3 text-2xl font-bold">{t('refuseTitle')}</h1>
        <p className="mb-5 text-gray-800">{t('refuseIntro', { company })}</p>
        <DecisionForm action={action} decision="opt_out" idempotencyKey={key} locale={locale} prefillName={link.prefillName} prefillPhone={link.prefillPhone} />
        <Link href={base} className="link mt-6 inline-block">
          {t('back')}
        </Link>
      </ConsentShell>
    );
  }

  if ((step === 'notice' || step === 'details') && !notice) {
    return (
      <ConsentShell tenant={tenant}>
        <p className="notice-error" role="alert">
          {t('noNoticeYet', { company })}
        </p>
      </ConsentShell>
    );
  }

  if (notice && (step === 'notice' || (step === 'details' && !confirmedInQuery))) {
    return (
      <ConsentShell tenant={tenant}>
        <p className="mb-1 text-sm text-gray-700">{t('stepOf', { step: 2, total: 3 })}</p>
        <h1 className="mb-3 text-2xl font-bold">{t('noticeTitle')}</h1>
        <article className="card mb-5" lang={notice.language} aria-labelledby="notice-h">
          <h2 id="notice-h" className="mb-3 text-lg font-semibold">
            {notice.title}
          </h2>
          <Markdown source={notice.body} />
          <p className="mt-4 break-all text-xs text-gray-700">{t('noticeVersion', { version: notice.version, hash: notice.textHash ?? '' })}</p>
        </article>
        {/* A GET form: moving on changes nothing yet, and works without JavaScript. */}
        <form action={base} method="get" className="flex flex-col gap-4">
          <input type="hidden" name="step" value="details" />
          <input type="hidden" name="k" value={key} />
          {step === 'details' && (
            <p className="error" role="alert">
              {t('errors.confirm')}
            </p>
          )}
          <label className="flex items-start gap-3 text-base">
            <input type="checkbox" name="confirmed" value="1" required className="mt-1 h-5 w-5 shrink-0 accent-[#0f766e]" />
            <span>{t('confirmLabel', { company })}</span>
          </label>
          <button type="submit" className="btn-primary w-full py-3 text-lg">
            {t('continue')}
          </button>
        </form>
        <Link href={base} className="link mt-6 inline-block">
          {t('back')}
        </Link>
      </ConsentShell>
    );
  }

  if (notice && step === 'details') {
    return (
      <ConsentShell tenant={tenant}>
        <p className="mb-1 text-sm text-gray-700">{t('stepOf', { step: 3, total: 3 })}</p>
        <h1 className="mb-3 text-2xl font-bold">{t('detailsTitle')}</h1>
        <p className="mb-5 text-gray-800">{t('detailsIntro', { company })}</p>
        <DecisionForm
          action={action}
          decision="opt_in"
          idempotencyKey={key}
          locale={locale}
          noticeVersionId={notice.id}
          emailRequired={tenant.doubleOptIn}
          prefillName={link.prefillName}
          prefillPhone={link.prefillPhone}
        />
        <Link href={`${base}?step=notice&k=${key}`} className="link mt-6 inline-block">
          {t('back')}
        </Link>
      </ConsentShell>
    );
  }

  return (
    <ConsentShell tenant={tenant}>
      <p className="mb-1 text-sm text-gray-700">{t('stepOf', { step: 1, total: 3 })}</p>
      <h1 className="mb-3 text-2xl font-bold">{t('question', { company })}</h1>
      <p className="mb-6 text-gray-800">{t('questionHint')}</p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Link href={`${base}?step=notice&k=${key}`} className="btn-primary flex-1 py-3 text-lg" prefetch={false}>
          {t('yes')}
        </Link>
        <Link href={`${base}?step=refuse&k=${key}`} className="btn-secondary flex-1 py-3 text-lg" prefetch={false}>
          {t('no')}
        </Link>
      </div>
    </ConsentShell>
  );
}
