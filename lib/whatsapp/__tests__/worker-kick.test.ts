import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A web-only instance (MAIL_WORKER=0) wakes the worker process by NOTIFY: a burst of webhook deliveries must cost one
// notification, sent after the burst, not one statement per delivery (issue #17).
const execute = vi.fn(async () => []);
vi.mock('@/db', () => ({ getDb: async () => ({ execute }) }));

const { kickWhatsappWorker, NOTIFY_COALESCE_MS } = await import('../worker-kick');

describe('kickWhatsappWorker on a web-only instance', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubEnv('MAIL_WORKER', '0');
    vi.stubEnv('DATABASE_URL', 'postgres://example.invalid/db');
    execute.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('coalesces a burst of kicks into one notification after it, and notifies again for a later burst', async () => {
    for (let i = 0; i < 50; i++) kickWhatsappWorker();
    expect(execute).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(NOTIFY_COALESCE_MS);
    expect(execute).toHaveBeenCalledTimes(1);
    kickWhatsappWorker();
    await vi.advanceTimersByTimeAsync(NOTIFY_COALESCE_MS);
    expect(execute).toHaveBeenCalledTimes(2);
  });
});
