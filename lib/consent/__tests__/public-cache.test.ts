import { beforeEach, describe, expect, it } from 'vitest';
import { cached, clearPublicViews, invalidatePublicViews, PUBLIC_CACHE_HOLD_MS, PUBLIC_CACHE_TTL_MS } from '../public-cache';

let loads = 0;
const load = (value: string) => async () => {
  loads++;
  return { tenantId: 't1', value };
};
const tenantOf = (v: { tenantId: string }) => v.tenantId;

beforeEach(() => {
  clearPublicViews();
  loads = 0;
});

describe('per-instance cache of public views', () => {
  it('serves a view from memory within the TTL and loads it again after', async () => {
    const t0 = Date.now();
    expect((await cached('k', load('a'), tenantOf, t0)).value).toBe('a');
    expect((await cached('k', load('b'), tenantOf, t0 + PUBLIC_CACHE_TTL_MS - 1)).value).toBe('a');
    expect(loads).toBe(1);
    expect((await cached('k', load('b'), tenantOf, t0 + PUBLIC_CACHE_TTL_MS + 1)).value).toBe('b');
    expect(loads).toBe(2);
  });

  it('a change of the tenant drops its views at once and keeps none for the hold time (a read racing the commit)', async () => {
    await cached('k', load('old'), tenantOf);
    await cached('other', async () => ({ tenantId: 't2', value: 'x' }), tenantOf);
    invalidatePublicViews('t1');
    // Loaded during the hold: returned, not kept.
    expect((await cached('k', load('racing'), tenantOf)).value).toBe('racing');
    expect((await cached('k', load('new'), tenantOf)).value).toBe('new');
    expect(loads).toBe(3);
    // Another tenant's view is untouched.
    expect((await cached('other', async () => ({ tenantId: 't2', value: 'reloaded' }), tenantOf)).value).toBe('x');
    // After the hold, views are kept again.
    const later = Date.now() + PUBLIC_CACHE_HOLD_MS + 1;
    const realNow = Date.now;
    Date.now = () => later;
    try {
      await cached('k', load('kept'), tenantOf, later);
      expect((await cached('k', load('not loaded'), tenantOf, later + 1)).value).toBe('kept');
    } finally {
      Date.now = realNow;
    }
  });
});
