// GET  /c/[tenant]/confirm/[token] – double opt-in: a button, not the GET itself, confirms (mail scanners open links).
// POST /c/[tenant]/confirm/[token] – the contact confirms: 303 to their personal page with `done=confirmed`.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConfirmPage } from '@/components/consent/confirm-page';
import { publicI18n } from '@/components/consent/i18n';
import { PublicErrorPage } from '@/components/consent/not-found-page';
import { runPersonalAction } from '@/lib/consent/personal-action';
import { loadConfirmView } from '@/lib/consent/personal-view';
import { personalActionSchema } from '@/lib/consent/schemas';
import { htmlResponse } from '@/lib/http/html';
import type { Problem } from '@/lib/http/problem';
import { publicAction, publicRoute, seeOther, type PublicFailure } from '@/lib/http/public-pipeline';
import type { Locale } from '@/lib/i18n/locales';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });
const onProblem = (problem: Problem, { locale }: { locale: Locale }) => htmlResponse(<PublicErrorPage i18n={publicI18n(locale)} code={problem.code} />, problem.status);

async function page(p: z.output<typeof params>, locale: Locale, failure: PublicFailure | null, status = 200) {
  const { tenant } = await loadConfirmView(p.tenant, p.token);
  const path = `/c/${p.tenant}/confirm/${p.token}`;
  return htmlResponse(<ConfirmPage i18n={publicI18n(locale)} tenant={tenant} path={path} idempotencyKey={randomUUID()} failure={failure} />, status);
}

export const GET = publicRoute({ params, onProblem }, ({ params: p, locale }) => page(p, locale, null));

export const POST = publicAction(
  {
    params,
    schema: personalActionSchema,
    limits: { scope: 'confirm', linkKey: (p) => p.token },
    onFailure: (failure, { locale, params: p }) => (p && failure.problem.status !== 404 ? page(p, locale, failure, failure.problem.status).catch(() => onProblem(failure.problem, { locale })) : onProblem(failure.problem, { locale })),
  },
  async (input, { params: p, info }) => {
    const r = await runPersonalAction({ kind: 'confirm', slug: p.tenant, token: p.token, idempotencyKey: input.idempotencyKey, language: input.locale, ip: info.ip, userAgent: info.userAgent });
    return seeOther(`/c/${r.slug}/p/${r.personalToken}?done=${r.done}`);
  },
);
