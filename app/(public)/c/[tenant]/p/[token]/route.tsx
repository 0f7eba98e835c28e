// GET  /c/[tenant]/p/[token] – the contact's personal page: current state, history, withdrawal in one click (plain HTML).
// POST /c/[tenant]/p/[token] – the contact withdraws their consent: 303 back to the page with `done=withdrawn`.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { publicI18n } from '@/components/consent/i18n';
import { PublicErrorPage } from '@/components/consent/not-found-page';
import { isDone, PersonalPage } from '@/components/consent/personal-page';
import { WhatsappConfirm } from '@/components/consent/whatsapp-confirm';
import { appUrl } from '@/lib/config';
import { runPersonalAction } from '@/lib/consent/personal-action';
import { loadPersonalView } from '@/lib/consent/personal-view';
import { personalActionSchema } from '@/lib/consent/schemas';
import { htmlResponse } from '@/lib/http/html';
import type { Problem } from '@/lib/http/problem';
import { publicAction, publicRoute, seeOther, type PublicFailure } from '@/lib/http/public-pipeline';
import type { Locale } from '@/lib/i18n/locales';
import { pendingWhatsappConfirmation } from '@/lib/whatsapp/ownership-codes';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });
const onProblem = (problem: Problem, { locale }: { locale: Locale }) => htmlResponse(<PublicErrorPage i18n={publicI18n(locale)} code={problem.code} />, problem.status);

async function page(p: z.output<typeof params>, locale: Locale, done: string | null, failure: PublicFailure | null, status = 200) {
  const view = await loadPersonalView(p.tenant, p.token);
  const path = `/c/${p.tenant}/p/${p.token}`;
  const i18n = publicI18n(locale);
  // Pending with a WhatsApp number connected: "Per WhatsApp bestätigen" (issue #17).
  const whatsapp = await pendingWhatsappConfirmation(view.tenant, view.contact, locale);
  const pendingExtra = whatsapp ? <WhatsappConfirm i18n={i18n} confirmation={whatsapp} /> : undefined;
  const props = { i18n, view, path, personalUrl: `${appUrl()}${path}`, done: isDone(done) ? done : null, idempotencyKey: randomUUID(), failure, pendingExtra };
  return htmlResponse(<PersonalPage {...props} />, status);
}

export const GET = publicRoute({ params, onProblem }, ({ request, params: p, locale }) => page(p, locale, new URL(request.url).searchParams.get('done'), null));

export const POST = publicAction(
  {
    params,
    schema: personalActionSchema,
    limits: { scope: 'withdraw', linkKey: (p) => p.token },
    onFailure: (failure, { locale, params: p }) => (p && failure.problem.status !== 404 ? page(p, locale, null, failure, failure.problem.status).catch(() => onProblem(failure.problem, { locale })) : onProblem(failure.problem, { locale })),
  },
  async (input, { params: p, info }) => {
    const r = await runPersonalAction({ kind: 'withdraw', slug: p.tenant, token: p.token, idempotencyKey: input.idempotencyKey, language: input.locale, ip: info.ip, userAgent: info.userAgent });
    return seeOther(`/c/${r.slug}/p/${r.personalToken}?done=${r.done}`);
  },
);
