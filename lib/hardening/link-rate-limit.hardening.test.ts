// npm run test:hardening (issue #11, 5b): the per-link limit counts well-formed submissions only.
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
  s = await seedTenantWithLink('rl-link-h');
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

describe('hardening: malformed floods cannot lock an invite link', () => {
  it('250 malformed submissions of many shapes (all 4xx) leave the link usable', async () => {
    const statuses = [];
    const bad: unknown[] = [{}, { decision: 'maybe' }, { decision: 'opt_in' }, { decision: 'opt_out', idempotencyKey: 'x' }, [], 'x', null, { decision: 'opt_in', phone: 'abc', idempotencyKey: randomUUID() }];
    for (let i = 0; i < 250; i++) statuses.push((await post(bad[i % bad.length])).status);
    expect(statuses.every((x) => x >= 400 && x < 500)).toBe(true);
    const ok = await post({ decision: 'opt_out', idempotencyKey: randomUUID() });
    expect(ok.status).toBe(201);
  });
});
