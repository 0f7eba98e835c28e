import 'server-only';
import { forbidden } from 'next/navigation';
import type { z } from 'zod';
import type { Tx } from '@/db';
import { recordDeclaredAudit, type AuditSpec } from '@/lib/audit/declared';
import { failure, formObject, toActionState, type ActionState } from '@/lib/auth/action';
import { currentMember, requireUser, type MemberContext } from '@/lib/auth/member-context';
import { can, type Permission } from '@/lib/auth/permissions';
import { withTenant } from '@/lib/db/with-tenant';
import { forbidden as forbiddenError, notFound as notFoundError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/validation';
import { toHttp, validationError } from './problem';

/**
 * The request pipeline of the dashboard and sign-in side (STYLE.md §14). Every server action and route handler there
 * is one of:
 * - `withMember(permission, schema, (input, ctx, tx) => …, { audit, after })` — dashboard form actions;
 * - `memberRoute(permission, { params, query, audit }, (args, tx) => …, respond?)` — dashboard route handlers;
 * - `withUser(schema, (input, user) => …)` — signed-in actions without a tenant yet (onboarding, invitations);
 * - `formAction(schema, (input) => …)` — actions without a session (sign-in, language);
 * - `route(handler)` — route handlers without a session (development tools);
 * and `plainForm(action)` adapts one of these to a plain `<form action>` without state.
 * Errors leave through one mapping (lib/http/problem.ts): problem+json for routes, a failed ActionState for actions.
 */

/** A form action as `useActionState` calls it. */
export type FormAction<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

type Parsed<S extends z.ZodType> = { ok: true; data: z.output<S> } | { ok: false; state: ActionState<never> };

/** Parses a form against its schema; a failure carries every field error and the submitted values. */
function parseForm<S extends z.ZodType>(schema: S, formData: FormData): Parsed<S> {
  const parsed = schema.safeParse(formObject(formData));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, state: failure(formData, 'validation', fieldErrorsOf(parsed.error)) };
}

/** Session → membership → permission. A missing permission is Next's 403 (app/forbidden.tsx) for actions. */
async function memberFor(permission: Permission): Promise<MemberContext> {
  const ctx = await currentMember();
  if (!can(ctx.role, permission)) forbidden();
  return ctx;
}

/** Runs `fn` in the member's tenant transaction and writes the declared audit row in it once `fn` succeeded. */
async function inTenantAudited<I, T>(ctx: MemberContext, input: I, fn: (tx: Tx) => Promise<T>, audit?: AuditSpec<I, T>): Promise<T> {
  return withTenant(ctx.tenantId, async (tx) => {
    const result = await fn(tx);
    if (audit) await recordDeclaredAudit(tx, ctx, audit, input, result);
    return result;
  });
}

export type MemberOptions<I, T> = {
  /** The audit row: an action name, or name + target + details from input and result; same transaction. */
  audit?: AuditSpec<I, T>;
  /** After the commit: revalidate, wake the mail worker, redirect (a redirect inside the transaction would roll it back). */
  after?: (result: T, input: I, ctx: MemberContext) => void | Promise<void>;
  /** The transaction runs once more when its first try fails with such an error (e.g. a concurrent idempotency key). */
  retryOnce?: (err: unknown) => boolean;
};

/**
 * A dashboard form action: session → membership → permission (403) → zod parse (every field error, nothing written)
 * → `handler` in `withTenant` → declared audit row in the same transaction → commit → `after`. A domain error becomes
 * a failed ActionState with its code; anything else propagates.
 */
export function withMember<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.output<S>, ctx: MemberContext, tx: Tx) => Promise<T>,
  opts: MemberOptions<z.output<S>, T> = {},
): FormAction<T> {
  return async (_prev, formData) => {
    const ctx = await memberFor(permission);
    const parsed = parseForm(schema, formData);
    if (!parsed.ok) return parsed.state;
    const input = parsed.data;
    const run = () => inTenantAudited(ctx, input, (tx) => handler(input, ctx, tx), opts.audit);
    let result: T;
    try {
      result = await run().catch((err: unknown) => (opts.retryOnce?.(err) ? run() : Promise.reject(err)));
    } catch (err) {
      return toActionState(err, formData);
    }
    await opts.after?.(result, input, ctx);
    return { ok: true, data: result };
  };
}

/** A signed-in user's action that has no tenant yet (create a company, accept an invitation): its use case is in lib/. */
export function withUser<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, user: { id: string; email: string }) => Promise<T>,
): FormAction<T> {
  return async (_prev, formData) => {
    const user = await requireUser();
    return runParsed(schema, formData, (input) => handler(input, user));
  };
}

/** An action without a session (sign-in request, language choice): parse → handler → the one error mapping. */
export function formAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => Promise<T>): FormAction<T> {
  return (_prev, formData) => runParsed(schema, formData, handler);
}

async function runParsed<S extends z.ZodType, T>(schema: S, formData: FormData, handler: (input: z.output<S>) => Promise<T>): Promise<ActionState<T>> {
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    return { ok: true, data: await handler(parsed.data) };
  } catch (err) {
    return toActionState(err, formData);
  }
}

/** One of the actions above for a plain `<form action>` (no state to show): a refusal leaves the page as it was. */
export function plainForm<T>(action: FormAction<T>): (formData: FormData) => Promise<void> {
  return async (formData) => {
    await action(null, formData);
  };
}

type Schema = z.ZodType;
type Out<S extends Schema | undefined> = S extends Schema ? z.output<S> : undefined;
export type RouteInput<P extends Schema | undefined, Q extends Schema | undefined> = { params: Out<P>; query: Out<Q> };
export type RouteArgs<P extends Schema | undefined, Q extends Schema | undefined> = RouteInput<P, Q> & { request: Request; ctx: MemberContext };
export type RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, T> = {
  /** The path parameters; a mismatch is a 404 (an id that cannot exist names nothing). */
  params?: P;
  /** The query string (last value per name); a mismatch is a 400 with every field error. */
  query?: Q;
  /** The audit row, written in the load's transaction after it succeeded (a refused download leaves none). */
  audit?: AuditSpec<RouteInput<P, Q>, T>;
};
/** The context Next hands a route handler. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/**
 * A dashboard route handler: session → membership → permission (403 problem) → params (404) and query (400) →
 * `load` in `withTenant` with the declared audit row → commit → `respond` (render, stream) outside the transaction.
 * Without `respond`, `load` returns the Response itself. Every domain error leaves through toHttp (problem+json).
 */
export function memberRoute(permission: Permission, load: (args: RouteArgs<undefined, undefined>, tx: Tx) => Promise<Response>): RouteHandler;
export function memberRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, T = Response>(
  permission: Permission,
  spec: RouteSpec<P, Q, T>,
  load: (args: RouteArgs<P, Q>, tx: Tx) => Promise<T>,
  respond?: (data: T, args: RouteArgs<P, Q>) => Response | Promise<Response>,
): RouteHandler;
export function memberRoute(
  permission: Permission,
  specOrLoad: RouteSpec<Schema, Schema, unknown> | ((args: never, tx: Tx) => Promise<unknown>),
  maybeLoad?: (args: never, tx: Tx) => Promise<unknown>,
  maybeRespond?: (data: never, args: never) => Response | Promise<Response>,
): RouteHandler {
  type Args = RouteArgs<Schema, Schema>;
  const spec = typeof specOrLoad === 'function' ? {} : specOrLoad;
  const load = (typeof specOrLoad === 'function' ? specOrLoad : maybeLoad!) as (args: Args, tx: Tx) => Promise<unknown>;
  const respond = maybeRespond as ((data: unknown, args: Args) => Response | Promise<Response>) | undefined;
  return async (request, context) => {
    try {
      const ctx = await currentMember();
      if (!can(ctx.role, permission)) throw forbiddenError();
      const args: Args = { request, ctx, ...(await routeInput(spec, request, context)) };
      const data = await inTenantAudited(ctx, { params: args.params, query: args.query }, (tx) => load(args, tx), spec.audit);
      return respond ? await respond(data, args) : (data as Response);
    } catch (err) {
      return toHttp(err);
    }
  };
}

/** A route handler without a session or tenant (development tools): only the one error mapping. */
export function route<C>(handler: (request: Request, context: C) => Promise<Response>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      return toHttp(err);
    }
  };
}

async function routeInput(spec: RouteSpec<Schema, Schema, unknown>, request: Request, context: RouteContext): Promise<RouteInput<Schema, Schema>> {
  let params: unknown;
  if (spec.params) {
    const p = spec.params.safeParse(await context.params);
    if (!p.success) throw notFoundError();
    params = p.data;
  }
  let query: unknown;
  if (spec.query) {
    const q = spec.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!q.success) throw validationError(q.error, 400);
    query = q.data;
  }
  return { params, query };
}
