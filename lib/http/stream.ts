/**
 * A byte stream fed by `produce`, which calls `emit` per chunk and is awaited for back-pressure: a slow client slows
 * the producer down instead of the server buffering the whole export in memory.
 */
export function streamFromGenerator(produce: (emit: (chunk: string) => Promise<void>) => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pull: (() => void) | null = null;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const emit = async (chunk: string) => {
          if (cancelled) throw new Error('client went away');
          controller.enqueue(encoder.encode(chunk));
          if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (pull = resolve));
        };
        produce(emit).then(
          () => controller.close(),
          (err) => (cancelled ? undefined : controller.error(err)),
        );
      },
      pull() {
        pull?.();
        pull = null;
      },
      cancel() {
        cancelled = true;
        pull?.();
      },
    },
    { highWaterMark: 4 },
  );
}
