import 'server-only';
import type { z } from 'zod';
import { withinIpRateLimit, withinLinkRateLimit } from '@/lib/consent/rate-limits';
import { DomainError } from '@/lib/errors';
import { LOCALE_COOKIE, pickLocale, type Locale } from '@/lib/i18n/locales';
import { hitRateLimit } from '@/lib/rate-limit';
import { problemOf, problemResponse, validationError, type Problem } from './problem';
import { requestInfo } from './request-info';

/**
 * The request pipeline of the public side (STYLE.md §14): consent pages, personal pages, /verify, the public API.
 * No session. Every public route handler is one of:
 * - `publicRoute({ params, ipLimit?, onProblem? }, (req) => Response)` — GET pages and downloads;
 * - `publicAction({ params, schema, limits?, onFailure? }, (input, req) => Response)` — form and JSON posts:
 *   URL params (404) → per-address limit (429, before the body is read) → body (≤ 16 kB: 413; bad JSON: 400) → zod
 *   parse (422, every field error) → per-link limit (429, well-formed posts only, so malformed floods cannot lock a
 *   link) → handler.
 * Errors leave through the one mapping of lib/http/problem.ts: problem+json by default; HTML pages pass `onProblem`
 * / `onFailure` to render the same problem as a page or as the form again with the user's input.
 */

export type PublicRequest<P> = {
  request: Request;
  params: P;
  /** The visitor's language: the language switch's cookie, else Accept-Language, else German. */
  locale: Locale;
  /** Client address (raw for the limits, truncated for the ledger) and user agent. */
  info: Awaited<ReturnType<typeof requestInfo>>;
};

/** A refused post: the problem and the submitted text values (to show the form again as the user left it). */
export type PublicFailure = { problem: Problem; values: Record<string, string> };

type RouteContext = { params: Promise<unknown> };
type Handler = (request: Request, ctx: RouteContext) => Promise<Response>;
type Respond<T, P> = (x: T, req: { request: Request; locale: Locale; params: P | null }) => Response | Promise<Response>;

type RouteOptions<P> = {
  /** URL parameters; a mismatch answers 404 with `notFoundCode` (default `notFound`) before any query. */
  params: z.ZodType<P>;
  notFoundCode?: string;
  /** A per-address limit checked first: key scope and limit per minute. */
  ipLimit?: { scope: string; limit: () => number };
  /** How a problem is answered; problem+json when absent. */
  onProblem?: Respond<Problem, P>;
};

const MAX_BODY = 16 * 1024;
const rateLimited = () => new DomainError('rateLimited', 429);

/** The visitor's language from the request alone (no framework context needed). */
export function localeOf(request: Request): Locale {
  const cookie = request.headers.get('cookie') ?? '';
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`));
  return pickLocale(match?.[1], request.headers.get('accept-language'));
}

/** A GET route of the public side. */
export function publicRoute<P>(opts: RouteOptions<P>, handler: (req: PublicRequest<P>) => Promise<Response>): Handler {
  return async (request, ctx) => {
    const locale = localeOf(request);
    let params: P | null = null;
    try {
      params = await parseParams(opts, ctx);
      const info = await clientOf(request);
      if (opts.ipLimit && !(await hitIpLimit(opts.ipLimit, info.rawIp))) throw rateLimited();
      return await handler({ request, params, locale, info });
    } catch (err) {
      const problem = problemOrRethrow(err);
      return withRetryAfter(problem, opts.onProblem ? await opts.onProblem(problem, { request, locale, params }) : problemResponse(problem));
    }
  };
}

type ActionOptions<P, S extends z.ZodType> = Omit<RouteOptions<P>, 'ipLimit'> & {
  schema: S;
  /** Rate limit scope (`consent`, `withdraw`, …): CONSENT_RATE_LIMIT_IP per address, CONSENT_RATE_LIMIT_LINK per `linkKey`. */
  limits?: { scope: string; linkKey: (params: P) => string };
  /** JSON bodies too (the API); forms only otherwise. */
  json?: boolean;
  /** How a refused post is answered (the form again); problem+json when absent. */
  onFailure?: Respond<PublicFailure, P>;
};

/** A POST of the public side: a form or JSON body, parsed, limited, then `handler`. */
export function publicAction<P, S extends z.ZodType>(opts: ActionOptions<P, S>, handler: (input: z.output<S>, req: PublicRequest<P>) => Promise<Response>): Handler {
  return async (request, ctx) => {
    const locale = localeOf(request);
    let params: P | null = null;
    let values: Record<string, string> = {};
    try {
      params = await parseParams(opts, ctx);
      const info = await clientOf(request);
      if (opts.limits && !(await withinIpRateLimit(opts.limits.scope, info.rawIp))) throw rateLimited();
      const body = await readBody(request, !!opts.json);
      values = textValues(body);
      const parsed = opts.schema.safeParse(body);
      if (!parsed.success) throw validationError(parsed.error);
      if (opts.limits && !(await withinLinkRateLimit(opts.limits.scope, opts.limits.linkKey(params)))) throw rateLimited();
      return await handler(parsed.data, { request, params, locale, info });
    } catch (err) {
      const problem = problemOrRethrow(err);
      const failure = { problem, values };
      return withRetryAfter(problem, opts.onFailure ? await opts.onFailure(failure, { request, locale, params }) : problemResponse(problem));
    }
  };
}

/** `303 See Other` to a path of this site: the answer to a successful form post. */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}

/** The client's address (lib/http/request-info.ts: from the socket, never a client header) and this request's user agent. */
async function clientOf(request: Request): Promise<PublicRequest<unknown>['info']> {
  return { ...(await requestInfo()), userAgent: request.headers.get('user-agent') };
}

async function parseParams<P>(opts: Pick<RouteOptions<P>, 'params' | 'notFoundCode'>, ctx: RouteContext): Promise<P> {
  const parsed = opts.params.safeParse(await ctx.params);
  if (!parsed.success) throw new DomainError(opts.notFoundCode ?? 'notFound', 404);
  return parsed.data;
}

function hitIpLimit(limit: { scope: string; limit: () => number }, rawIp: string): Promise<boolean> {
  return hitRateLimit(`${limit.scope}:ip:${rawIp}`, limit.limit());
}

async function readBody(request: Request, json: boolean): Promise<unknown> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) throw new DomainError('tooLarge', 413);
  const text = await request.text();
  if (text.length > MAX_BODY) throw new DomainError('tooLarge', 413);
  if (json && (request.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new DomainError('invalidJson', 400);
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function textValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && v.length <= 2_000) out[k] = v;
  return out;
}

function problemOrRethrow(err: unknown): Problem {
  const problem = problemOf(err);
  if (!problem) throw err; // a bug: Next answers 500 without detail
  return problem;
}

function withRetryAfter(problem: Problem, response: Response): Response {
  if (problem.status === 429) response.headers.set('Retry-After', '60');
  return response;
}
