import 'server-only';
import { forbidden, notFound } from 'next/navigation';
import type { z } from 'zod';
import { DomainError } from '@/lib/errors';

/**
 * A page's data, or the page Next renders for a domain refusal: DomainError 404 → not found (app/not-found.tsx),
 * 403 → forbidden (app/forbidden.tsx). Every other error is thrown on (a bug is a 500, not a silent 404).
 */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DomainError && err.status === 404) notFound();
    if (err instanceof DomainError && err.status === 403) forbidden();
    throw err;
  }
}

/** A URL parameter parsed by `schema`, or the not-found page (a malformed id names nothing, so no query runs). */
export function paramOrNotFound<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}
