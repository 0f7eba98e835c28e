// POST /api/public/consent/[tenant]/[token] – record a decision as JSON (or form data): the same use case as the
// consent page's form, for clients that are not a browser form (a company's own website, load tests).
import { z } from 'zod';
import { appUrl } from '@/lib/config';
import { withinIpRateLimit, withinLinkRateLimit } from '@/lib/consent/rate-limits';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { DomainError } from '@/lib/errors';
import { requestInfo } from '@/lib/http/request-info';
import { kickMailWorker } from '@/lib/mail/worker';
import { fieldErrorsOf } from '@/lib/validation';

const MAX_BODY = 16 * 1024;
const params = z.object({ tenant: z.string().max(64), token: z.string().max(64) });

async function readBody(request: Request): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY) throw new DomainError('tooLarge', 413);
  const text = await request.text();
  if (text.length > MAX_BODY) throw new DomainError('tooLarge', 413);
  if ((request.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new DomainError('invalidJson', 400);
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const rateLimited = () => Response.json({ error: 'rateLimited' }, { status: 429, headers: { 'Retry-After': '60' } });

export async function POST(request: Request, ctx: { params: Promise<{ tenant: string; token: string }> }) {
  try {
    const route = params.safeParse(await ctx.params);
    if (!route.success) throw new DomainError('linkNotFound', 404);
    const info = await requestInfo();
    if (!(await withinIpRateLimit('consent', info.rawIp))) return rateLimited();
    const parsed = decisionSchema.safeParse(await readBody(request));
    if (!parsed.success) return Response.json({ error: 'validation', fieldErrors: fieldErrorsOf(parsed.error) }, { status: 422 });
    // The link's limit counts well-formed submissions only: malformed requests must not lock the link for everyone.
    if (!(await withinLinkRateLimit('consent', route.data.token))) return rateLimited();
    const result = await submitDecision({ slug: route.data.tenant, token: route.data.token, input: parsed.data, ip: info.ip, userAgent: info.userAgent, baseUrl: appUrl() });
    kickMailWorker();
    return Response.json(
      { eventId: result.eventId, status: result.status, replayed: result.replayed, personalUrl: `${appUrl()}/c/${result.tenantSlug}/p/${result.contactToken}` },
      { status: result.replayed ? 200 : 201 },
    );
  } catch (err) {
    if (err instanceof DomainError) return Response.json({ error: err.code, ...(err.fieldErrors && { fieldErrors: err.fieldErrors }) }, { status: err.status });
    throw err;
  }
}
