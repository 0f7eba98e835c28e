import { redirect } from 'next/navigation';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toActionState } from '@/lib/auth/action';
import { DomainError, forbidden, notFound } from '@/lib/errors';
import { PROBLEM_CONTENT_TYPE, problemOf, toHttp, validationError } from '../problem';

const statuses = [400, 401, 403, 404, 409, 410, 413, 422, 429] as const;
const titles = ['Bad Request', 'Unauthorized', 'Forbidden', 'Not Found', 'Conflict', 'Gone', 'Content Too Large', 'Unprocessable Content', 'Too Many Requests'];

describe('toHttp: the one mapping of domain errors to HTTP', () => {
  it('answers every domain status with its own status and an RFC 9457 problem+json body', async () => {
    for (const [i, status] of statuses.entries()) {
      const res = toHttp(new DomainError(`code${status}`, status));
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ type: `tag:einwilligung,2026:problem:code${status}`, title: titles[i], status, code: `code${status}` });
    }
  });

  it('keeps 403 and 409 what they are (no collapsing into 404)', () => {
    expect(toHttp(forbidden()).status).toBe(403);
    expect(toHttp(new DomainError('notPending', 409)).status).toBe(409);
    expect(toHttp(notFound()).status).toBe(404);
  });

  it('carries every field error of a refused input under `errors`', async () => {
    const parsed = z.object({ name: z.string().min(1), email: z.email(), n: z.number() }).safeParse({ name: '', email: 'x' });
    const res = toHttp(validationError(parsed.error!));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ status: 422, code: 'validation', errors: { name: 'required', email: 'email', n: 'required' } });
    expect(toHttp(validationError(parsed.error!, 400)).status).toBe(400);
  });

  it('adds headers the caller gives (Retry-After on 429)', () => {
    expect(toHttp(new DomainError('rateLimited', 429), { headers: { 'Retry-After': '60' } }).headers.get('retry-after')).toBe('60');
  });

  it('rethrows what is not a domain error: a bug is a 500 from Next, without its details in a body', () => {
    const bug = new Error('select * from contacts where phone = $1 -- +491701234567');
    expect(() => toHttp(bug)).toThrow(bug);
    expect(problemOf(bug)).toBeNull();
    expect(() => toHttp('string thrown')).toThrow();
  });

  it("rethrows Next's own control flow (redirect)", () => {
    let thrown: unknown;
    try {
      redirect('/signin');
    } catch (err) {
      thrown = err;
    }
    expect(() => toHttp(thrown)).toThrow(thrown as Error);
  });
});

describe('toActionState: the same table for form actions', () => {
  it('gives the code and field errors an API would answer, with the submitted values', () => {
    const form = new FormData();
    form.set('label', 'Messe');
    const err = new DomainError('noticeNotPublished', 409, { noticeId: 'links.errors.noticeNotPublished' });
    const state = toActionState(err, form);
    const problem = problemOf(err)!;
    expect(state).toEqual({ ok: false, error: problem.code, fieldErrors: problem.errors, values: { label: 'Messe' } });
  });

  it('propagates anything that is not a domain error', () => {
    const bug = new TypeError('x is undefined');
    expect(() => toActionState(bug)).toThrow(bug);
  });
});
