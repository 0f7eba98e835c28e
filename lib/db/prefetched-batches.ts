/**
 * Keyset batches of a query, each requested before the previous one is handed out: the database produces the next
 * batch while the caller works on this one (they overlap instead of taking turns), and memory stays at about two
 * batches however many rows there are. `fetch(null)` reads the first batch, `fetch(cursorOf(lastRow))` the next;
 * a batch shorter than `batchSize` is the last.
 */
export async function* prefetchedBatches<T, C>(fetch: (after: C | null) => Promise<T[]>, cursorOf: (last: T) => C, batchSize: number): AsyncGenerator<T[]> {
  const start = (after: C | null) => {
    const p = fetch(after);
    p.catch(() => {}); // awaited below; this only keeps a prefetch abandoned by the caller from being an unhandled rejection
    return p;
  };
  let next = start(null);
  for (;;) {
    const rows = await next;
    if (!rows.length) return;
    const more = rows.length === batchSize;
    if (more) next = start(cursorOf(rows[rows.length - 1]!));
    yield rows;
    if (!more) return;
  }
}
