/**
 * Runs independent statements of one transaction at once: postgres.js pipelines them on the transaction's connection
 * (one round trip instead of one each), PGlite runs them in order. Unlike Promise.all it waits for EVERY statement
 * before it reports the first failure, so nothing is still in flight on the connection when the transaction's
 * callback fails and postgres.js rolls back and hands the connection to someone else.
 * The statements are sent in the order given; none may depend on another's result.
 */
export async function pipelined<T extends readonly unknown[] | []>(work: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = (await Promise.allSettled(work)) as PromiseSettledResult<unknown>[];
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
