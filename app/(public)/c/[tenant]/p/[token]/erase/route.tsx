// GET  /c/[tenant]/p/[token]/erase – "Meine Daten löschen": the confirmation step (plain HTML, works without JS).
// POST /c/[tenant]/p/[token]/erase – the contact erases their data (GDPR Art. 17): 303 to /c/[tenant]/erased.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EraseConfirmPage } from '@/components/consent/erase-pages';
import { publicI18n } from '@/components/consent/i18n';
import { PublicErrorPage } from '@/components/consent/not-found-page';
import { eraseByPersonalToken } from '@/lib/consent/personal-erase';
import { loadPersonalView } from '@/lib/consent/personal-view';
import { personalActionSchema } from '@/lib/consent/schemas';
import { htmlResponse } from '@/lib/http/html';
import type { Problem } from '@/lib/http/problem';
import { publicAction, publicRoute, seeOther, type PublicFailure } from '@/lib/http/public-pipeline';
import type { Locale } from '@/lib/i18n/locales';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });
const onProblem = (problem: Problem, { locale }: { locale: Locale }) => htmlResponse(<PublicErrorPage i18n={publicI18n(locale)} code={problem.code} />, problem.status);

async function page(p: z.output<typeof params>, locale: Locale, failure: PublicFailure | null, status = 200) {
  const { tenant } = await loadPersonalView(p.tenant, p.token);
  const personalPath = `/c/${p.tenant}/p/${p.token}`;
  return htmlResponse(<EraseConfirmPage i18n={publicI18n(locale)} tenant={tenant} path={`${personalPath}/erase`} personalPath={personalPath} idempotencyKey={randomUUID()} failure={failure} />, status);
}

export const GET = publicRoute({ params, onProblem }, ({ params: p, locale }) => page(p, locale, null));

export const POST = publicAction(
  {
    params,
    schema: personalActionSchema,
    limits: { scope: 'erase', linkKey: (p) => p.token },
    onFailure: (failure, { locale, params: p }) => (p && failure.problem.status !== 404 ? page(p, locale, failure, failure.problem.status).catch(() => onProblem(failure.problem, { locale })) : onProblem(failure.problem, { locale })),
  },
  async (input, { params: p, info }) => {
    const r = await eraseByPersonalToken({ slug: p.tenant, token: p.token, idempotencyKey: input.idempotencyKey, language: input.locale, ip: info.ip, userAgent: info.userAgent });
    return seeOther(`/c/${r.slug}/erased`);
  },
);
