// POST /api/public/consent/[tenant]/[token] – record a decision as JSON (or form data): the same use case as the
// consent page's form, for clients that are not a browser form (a company's own website, load tests). Errors are
// RFC 9457 problem+json (lib/http/problem.ts): `code` and, for refused fields, `errors` with every field.
import { z } from 'zod';
import { appUrl } from '@/lib/config';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { publicAction } from '@/lib/http/public-pipeline';
import { kickMailWorker } from '@/lib/mail/worker';

const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });

export const POST = publicAction(
  { params, notFoundCode: 'linkNotFound', schema: decisionSchema, json: true, limits: { scope: 'consent', linkKey: (p) => p.token } },
  async (input, { params: p, info }) => {
    const result = await submitDecision({ slug: p.tenant, token: p.token, input, ip: info.ip, userAgent: info.userAgent, baseUrl: appUrl() });
    kickMailWorker();
    return Response.json(
      { eventId: result.eventId, status: result.status, replayed: result.replayed, personalUrl: `${appUrl()}/c/${result.tenantSlug}/p/${result.contactToken}` },
      { status: result.replayed ? 200 : 201 },
    );
  },
);
