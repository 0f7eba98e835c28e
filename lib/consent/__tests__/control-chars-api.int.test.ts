import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consentEvents, contacts } from '@/db/schema';
import { withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';

vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.9', 'user-agent': 'vitest' }) }));
const { POST } = await import('@/app/api/public/consent/[tenant]/[token]/route');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '1000';
  db = await createTestDb();
  s = await seedTenantWithLink('nul-api');
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  await db.close();
});

function post(body: unknown, p: { tenant?: string; token?: string } = {}) {
  const request = new Request('http://localhost/api/public/consent/x/y', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return POST(request, { params: Promise.resolve({ tenant: p.tenant ?? s.tenant.slug, token: p.token ?? s.token }) });
}

describe('POST /api/public/consent: control characters', () => {
  it('answers a NUL byte (or CR, or a lone surrogate) in any field with 422 and a field error, never 500, and writes nothing', async () => {
    const optIn = { decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: 'Erika', phone: '+491709990011' };
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ ...optIn, name: 'Evil\u0000' }, { name: 'controlChars' }],
      [{ ...optIn, name: 'Evil\r\nBEGIN:VCARD' }, { name: 'controlChars' }],
      [{ ...optIn, email: 'e\u0000@example.com' }, { email: 'controlChars' }],
      [{ ...optIn, phone: '+49170\u00009990011' }, { phone: 'controlChars' }],
      [{ ...optIn, name: 'lone \ud83d' }, { name: 'controlChars' }],
      [{ decision: 'opt_out', name: 'Evil\u0000' }, { name: 'controlChars' }],
    ];
    for (const [body, fieldErrors] of cases) {
      const res = await post({ ...body, idempotencyKey: randomUUID() });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).errors).toEqual(fieldErrors);
    }
    // A NUL in the URL's tenant slug is a 404 before any query.
    expect((await post({ decision: 'opt_out', idempotencyKey: randomUUID() }, { tenant: 'nul-api\u0000' })).status).toBe(404);
    const written = await withTenant(s.tenant.id, async (tx) => ({ events: await tx.select().from(consentEvents), contacts: await tx.select().from(contacts) }));
    expect(written).toEqual({ events: [], contacts: [] });
  });
});
