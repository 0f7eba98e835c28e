import { describe, expect, it } from 'vitest';
import { drainLoop } from '../drain-loop';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('drainLoop', () => {
  it('runs passes until one finds nothing, never two at once; kicks during a pass become one more round', async () => {
    let queue = 3;
    let active = 0;
    let maxActive = 0;
    let passes = 0;
    const loop = drainLoop(
      async () => {
        passes++;
        active++;
        maxActive = Math.max(maxActive, active);
        await tick();
        active--;
        const n = Math.min(queue, 1);
        queue -= n;
        return n;
      },
      () => false,
      (err) => {
        throw err;
      },
    );
    loop.kick();
    loop.kick(); // while the first pass runs: no second pass
    loop.kick();
    await loop.running;
    // 3 passes that each handled one item, then one that found nothing.
    expect(passes).toBe(4);
    expect(maxActive).toBe(1);
    expect(queue).toBe(0);
    expect(loop.running).toBeNull();
  });

  it('a kick during the last, empty pass asks for one more round (an item queued meanwhile is not left behind)', async () => {
    let queue = 0;
    let passes = 0;
    const loop = drainLoop(
      async () => {
        passes++;
        const n = queue; // the pass claims what is due now…
        queue = 0;
        await tick(); // …and works on it
        return n;
      },
      () => false,
      () => {},
    );
    loop.kick(); // the first pass has already claimed (nothing) when the next item arrives
    queue = 1;
    loop.kick();
    await loop.running;
    expect(queue).toBe(0);
    expect(passes).toBe(3); // empty, then the item, then empty
  });

  it('stops between passes and reports a failing pass without throwing', async () => {
    let stopped = false;
    let passes = 0;
    const errors: unknown[] = [];
    const loop = drainLoop(
      async () => {
        passes++;
        if (passes === 2) stopped = true;
        if (passes === 3) throw new Error('boom');
        return 1;
      },
      () => stopped,
      (err) => errors.push(err),
    );
    loop.kick();
    await loop.running;
    expect(passes).toBe(2);
    expect(errors).toEqual([]);
    loop.kick(); // stopped: nothing runs
    expect(loop.running).toBeNull();

    stopped = false;
    passes = 2;
    const failing = drainLoop(async () => { throw new Error('boom'); }, () => false, (err) => errors.push(err));
    failing.kick();
    await failing.running;
    expect(errors).toHaveLength(1);
  });
});
