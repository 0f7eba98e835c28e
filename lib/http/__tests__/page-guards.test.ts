import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError, forbidden, notFound } from '@/lib/errors';
import { orNotFound, paramOrNotFound } from '../page-guards';

// next.config.mjs enables experimental.authInterrupts, which Next's build passes to forbidden() like this.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';

// Next's notFound()/forbidden() throw an error whose digest names the status page Next renders.
const digestOf = (work: () => unknown) => {
  try {
    work();
  } catch (err) {
    return (err as { digest?: string }).digest;
  }
  return undefined;
};
const rejectionDigest = (p: Promise<unknown>) => p.then(() => undefined, (err: { digest?: string }) => err.digest ?? err);

describe('page guards', () => {
  it('renders not found for a 404 and forbidden for a 403, and passes the data through', async () => {
    expect(await orNotFound(Promise.resolve(42))).toBe(42);
    expect(await rejectionDigest(orNotFound(Promise.reject(notFound())))).toBe('NEXT_HTTP_ERROR_FALLBACK;404');
    expect(await rejectionDigest(orNotFound(Promise.reject(forbidden())))).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
  });

  it('throws every other error on, domain errors of other statuses included', async () => {
    const conflict = new DomainError('conflict', 409);
    await expect(orNotFound(Promise.reject(conflict))).rejects.toBe(conflict);
    const bug = new TypeError('bug');
    await expect(orNotFound(Promise.reject(bug))).rejects.toBe(bug);
  });

  it('parses a URL parameter or renders not found', () => {
    const id = '2f1c1d8e-9a2b-4c3d-8e4f-5a6b7c8d9e0f';
    expect(paramOrNotFound(z.uuid(), id)).toBe(id);
    expect(digestOf(() => paramOrNotFound(z.uuid(), 'nope'))).toBe('NEXT_HTTP_ERROR_FALLBACK;404');
  });
});
