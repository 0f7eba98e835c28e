import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { DomainError } from '@/lib/errors';
import { fieldErrorsOf, type FieldErrors } from '@/lib/validation';

/**
 * One error shape for every API answer: RFC 9457 "Problem Details for HTTP APIs" (`application/problem+json`).
 * `code` is the message key of the domain error (messages/*.json "errors"), `errors` the field errors as message keys
 * (messages/*.json "fieldErrors"), every field at once — the same keys a form action returns in its ActionState.
 */
export type Problem = {
  /** A URI naming the kind of problem; `about:blank` when the status says all (RFC 9457 §4.2.1). */
  type: string;
  /** The HTTP status phrase (English, for people reading logs); clients go by `code`. */
  title: string;
  status: number;
  /** The domain error's message key, e.g. `notFound`, `validation`, `linkGone`. */
  code: string;
  /** Field name → message key, all fields; present on validation problems only. */
  errors?: FieldErrors;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

// The one table from status to title; a domain error's status is part of the error (lib/errors.ts).
const TITLES: Record<DomainError['status'], string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
};

/** The problem a thrown error means for the client, or null when it is not a domain error (a bug: it must not leave). */
export function problemOf(err: unknown): Problem | null {
  if (!(err instanceof DomainError)) return null;
  return {
    type: `tag:einwilligung,2026:problem:${err.code}`,
    title: TITLES[err.status],
    status: err.status,
    code: err.code,
    ...(err.fieldErrors && Object.keys(err.fieldErrors).length ? { errors: err.fieldErrors } : {}),
  };
}

/** A refused input as a domain error: every field error at once (422 for bodies, 400 for query strings). */
export function validationError(error: z.ZodError, status: 400 | 422 = 422): DomainError {
  return new DomainError('validation', status, fieldErrorsOf(error));
}

/** The problem+json response of a problem. `Cache-Control: no-store`: answers about someone's data are not cached. */
export function problemResponse(problem: Problem, init: { headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', PROBLEM_CONTENT_TYPE);
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

/**
 * The one mapping of thrown errors to HTTP for every route handler: a DomainError becomes its status with a
 * problem+json body; Next's own control flow (redirect(), notFound(), forbidden()) and every other error are rethrown,
 * so a bug is a 500 from Next without any detail in the body (db/safe-errors.ts keeps query parameters out of the log).
 */
export function toHttp(err: unknown, init: { headers?: HeadersInit } = {}): Response {
  unstable_rethrow(err);
  const problem = problemOf(err);
  if (!problem) throw err;
  return problemResponse(problem, init);
}
