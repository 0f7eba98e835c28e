import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';

// Each request comes from another client address (the private header lib/http/request-info.ts reads), so only the
// per-link limit can lock the link.
let n = 0;
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-einw-client-ip': `198.51.100.${++n % 250}`, 'x-forwarded-for': `198.51.100.${n % 250}`, 'user-agent': 'vitest' }) }));
const { POST } = await import('@/app/api/public/consent/[tenant]/[token]/route');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '1000';
  process.env.CONSENT_RATE_LIMIT_LINK = '120';
  db = await createTestDb();
  s = await seedTenantWithLink('rl-link');
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  delete process.env.CONSENT_RATE_LIMIT_LINK;
  await db.close();
});

const post = (body: unknown) =>
  POST(new Request('http://localhost/api/public/consent/x/y', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), {
    params: Promise.resolve({ tenant: s.tenant.slug, token: s.token }),
  });

describe('per-link rate limit', () => {
  it('121 malformed submissions ({}) do not lock the link for a valid one', async () => {
    const statuses = [];
    for (let i = 0; i < 121; i++) statuses.push((await post({})).status);
    expect(new Set(statuses)).toEqual(new Set([422]));
    const ok = await post({ decision: 'opt_out', idempotencyKey: randomUUID() });
    expect(ok.status).toBe(201);
  });
});
