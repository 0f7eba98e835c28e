// GET  /c/[tenant]/[token] – the public consent page: question → notice → details, or question → refusal (plain HTML).
// POST /c/[tenant]/[token] – record a decision (opt-in or refusal): 303 to the personal page, or the form again.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConsentPage, type ConsentStep } from '@/components/consent/consent-page';
import { publicI18n } from '@/components/consent/i18n';
import { PublicErrorPage } from '@/components/consent/not-found-page';
import { appUrl } from '@/lib/config';
import { loadLinkView } from '@/lib/consent/link-view';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { htmlResponse } from '@/lib/http/html';
import type { Problem } from '@/lib/http/problem';
import { publicAction, publicRoute, seeOther, type PublicFailure } from '@/lib/http/public-pipeline';
import type { Locale } from '@/lib/i18n/locales';
import { recordLinkOpen } from '@/lib/links/link-opens';
import { kickMailWorker } from '@/lib/mail/worker';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });
const stepSchema = z.enum(['notice', 'details', 'refuse']).optional().catch(undefined);
const keySchema = z.uuid().optional().catch(undefined);
const onProblem = (problem: Problem, { locale }: { locale: Locale }) => htmlResponse(<PublicErrorPage i18n={publicI18n(locale)} code={problem.code} />, problem.status);

export const GET = publicRoute({ params, notFoundCode: 'linkNotFound', onProblem }, async ({ request, params: p, locale, info }) => {
  const url = new URL(request.url);
  const step = stepSchema.parse(url.searchParams.get('step') ?? undefined);
  // The idempotency key travels in the URL from the first step on: reload and back button keep it.
  const key = keySchema.parse(url.searchParams.get('k') ?? undefined) ?? randomUUID();
  const view = await loadLinkView(p.tenant, p.token, locale);
  if (!step && view.status === 'active') recordLinkOpen(view.link, info.userAgent);
  const base = `/c/${p.tenant}/${p.token}`;
  const confirmed = url.searchParams.get('confirmed') === '1';
  const page = <ConsentPage i18n={publicI18n(locale)} view={view} base={base} self={base + url.search} step={step} idempotencyKey={key} confirmed={confirmed} />;
  // Revalidated on every visit, but kept for the back/forward cache (no-store would exclude it): nothing personal here.
  return htmlResponse(page, 200, { 'Cache-Control': 'private, no-cache' });
});

/** A refused submission: the step's form again, with every field error and what the contact typed (422/409/429…). */
async function formAgain({ problem, values }: PublicFailure, { locale, params: p }: { locale: Locale; params: z.output<typeof params> | null }) {
  const view = p && problem.status !== 404 ? await loadLinkView(p.tenant, p.token, locale).catch(() => null) : null;
  if (!p || !view) return onProblem(problem, { locale });
  const step: ConsentStep = values.decision === 'opt_out' ? 'refuse' : 'details';
  const key = keySchema.parse(values.idempotencyKey) ?? randomUUID();
  const base = `/c/${p.tenant}/${p.token}`;
  const self = `${base}?step=${step === 'refuse' ? 'refuse' : 'details&confirmed=1'}&k=${key}`;
  const page = <ConsentPage i18n={publicI18n(locale)} view={view} base={base} self={self} step={step} idempotencyKey={key} confirmed failure={{ problem, values }} />;
  return htmlResponse(page, problem.status);
}

export const POST = publicAction(
  { params, notFoundCode: 'linkNotFound', schema: decisionSchema, limits: { scope: 'consent', linkKey: (p) => p.token }, onFailure: formAgain },
  async (input, { params: p, info }) => {
    const result = await submitDecision({ slug: p.tenant, token: p.token, input, ip: info.ip, userAgent: info.userAgent, baseUrl: appUrl() });
    kickMailWorker();
    return seeOther(`/c/${result.tenantSlug}/p/${result.contactToken}?done=${result.status}`);
  },
);
