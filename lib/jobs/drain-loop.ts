/**
 * One worker loop over a queue: a pass claims and handles a batch and returns how many it handled; the loop runs
 * passes until one finds nothing. A kick while a pass runs asks for one more round instead of starting a second,
 * concurrent pass (the mail lanes and the WhatsApp inbox/outbox loops all work this way).
 */
export type DrainLoop = {
  /** Run passes now, or once more after the current one. */
  kick(): void;
  /** The pass in hand, if any (stop() awaits it). */
  readonly running: Promise<void> | null;
};

export function drainLoop(pass: () => Promise<number>, stopped: () => boolean, onError: (err: unknown) => void): DrainLoop {
  let running: Promise<void> | null = null;
  let again = false;
  const drain = async () => {
    try {
      do {
        again = false;
        while (!stopped() && (await pass()) > 0) again = false;
      } while (again && !stopped());
    } catch (err) {
      onError(err);
    } finally {
      running = null;
    }
  };
  return {
    kick() {
      if (stopped()) return;
      if (running) {
        again = true;
        return;
      }
      running = drain();
    },
    get running() {
      return running;
    },
  };
}
