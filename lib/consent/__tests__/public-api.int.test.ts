import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consentEvents } from '@/db/schema';
import { withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';

// The route reads the client address through next/headers (the private header the server-start hook writes from the
// socket); outside a Next request we supply the headers.
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-einw-client-ip': '198.51.100.7', 'user-agent': 'vitest' }) }));
const { POST } = await import('@/app/api/public/consent/[tenant]/[token]/route');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '1000';
  db = await createTestDb();
  s = await seedTenantWithLink('api-a');
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  await db.close();
});

function post(body: unknown, p: { tenant?: string; token?: string; raw?: string } = {}) {
  const request = new Request('http://localhost/api/public/consent/x/y', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: p.raw ?? JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({ tenant: p.tenant ?? s.tenant.slug, token: p.token ?? s.token }) });
}

const events = () => withTenant(s.tenant.id, (tx) => tx.select().from(consentEvents));

describe('POST /api/public/consent/[tenant]/[token]', () => {
  it('records an opt-in (201), replays the same key (200), and truncates the address', async () => {
    const body = { decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: 'Api Kundin', phone: '+491709990001', idempotencyKey: randomUUID() };
    const first = await post(body);
    expect(first.status).toBe(201);
    const json = await first.json();
    expect(json).toMatchObject({ status: 'opted_in', replayed: false });
    expect(json.personalUrl).toMatch(/\/c\/api-a\/p\/[A-Za-z0-9_-]{43}$/);
    expect((await post(body)).status).toBe(200);
    const rows = await events();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ipTruncated).toBe('198.51.100.0');
  });

  it('answers bad input with 4xx and writes nothing', async () => {
    const before = (await events()).length;
    const cases: [Parameters<typeof post>, number][] = [
      [[{ decision: 'opt_in', name: 'x' }], 422],
      [[{ decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: 'x'.repeat(10_000), phone: '+491709990002', idempotencyKey: randomUUID() }], 422],
      [[{ decision: 'opt_out', name: 'y'.repeat(20_000), idempotencyKey: randomUUID() }], 413],
      [[{ decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: 'A', phone: 'abc', idempotencyKey: randomUUID() }], 422],
      [[null, { raw: '{not json' }], 400],
      [[{ decision: 'opt_out', idempotencyKey: randomUUID() }, { token: 'A'.repeat(43) }], 404],
      [[{ decision: 'opt_out', idempotencyKey: randomUUID() }, { tenant: 'someone-else' }], 404],
      [[{ decision: 'opt_in', noticeVersionId: randomUUID(), confirmed: '1', name: 'A', phone: '+491709990003', idempotencyKey: randomUUID() }], 409],
    ];
    for (const [args, status] of cases) {
      const res = await post(...args);
      expect(res.status, JSON.stringify(args).slice(0, 60)).toBe(status);
      expect(await res.json()).toHaveProperty('code');
    }
    expect(await events()).toHaveLength(before);
  });

  it('limits the rate per client address with 429', async () => {
    process.env.CONSENT_RATE_LIMIT_IP = '2';
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post({ decision: 'opt_out', idempotencyKey: randomUUID() })).status);
    process.env.CONSENT_RATE_LIMIT_IP = '1000';
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(2);
  });
});
