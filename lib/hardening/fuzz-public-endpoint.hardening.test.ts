import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consentEvents, contacts, mailOutbox } from '@/db/schema';
import { verifyChain } from '@/lib/consent/verify-chain';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';

// Fuzzes the public consent endpoint in-process (the real route handler; next/headers supplied here).
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-einw-client-ip': '203.0.113.9', 'user-agent': 'fuzzer' }) }));
const { POST } = await import('@/app/api/public/consent/[tenant]/[token]/route');

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
let db: Awaited<ReturnType<typeof createTestDb>>;
let a: Awaited<ReturnType<typeof seedTenantWithLink>>;
let b: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = String(RUNS * 10);
  process.env.CONSENT_RATE_LIMIT_LINK = String(RUNS * 10);
  db = await createTestDb();
  a = await seedTenantWithLink('fuzz-a');
  b = await seedTenantWithLink('fuzz-b');
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  delete process.env.CONSENT_RATE_LIMIT_LINK;
  await db.close();
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom("' or 1=1 --", '"; drop table consent_events; --', '<script>alert(1)</script>', '${7*7}', '\u0000', '\uD800', '../../etc/passwd', '%00', '\u202Egnp.exe'),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const notString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const isUuid = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
/** Per field, values that are invalid whatever else is right (injection strings included where they are invalid). */
const brokenValue = {
  name: fc.oneof(notString, fc.constant(''), fc.constant('   '), fc.string({ minLength: 121, maxLength: 3000 }).filter((v) => v.trim().length > 120)),
  phone: fc.oneof(notString, fc.constantFrom('', '12', 'abc', '+49', "' or 1=1 --", '<script>alert(1)</script>', '+49 170 0000000000000000', '\u0000')),
  confirmed: fc.oneof(notString, nasty.filter((v) => v !== '1' && v !== 'on')),
  noticeVersionId: fc.oneof(notString, fc.constant(randomUUID()), nasty.filter((v) => !isUuid(v))),
  idempotencyKey: fc.oneof(notString, nasty.filter((v) => !isUuid(v))),
  email: fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom('no-at', 'a@', '@b', "' or 1=1 --@", '<x>@y', 'a@b@c')),
};

/** Payloads that must never be accepted: each breaks at least one rule of the schema or names a wrong link. */
const badPayload = fc.oneof(
  // wrong types / garbage in every field, but never a complete valid opt-in
  fc.record(
    { decision: fc.oneof(nasty, fc.constantFrom('opt_in', 'opt_out', 'maybe')), noticeVersionId: nasty, confirmed: nasty, name: nasty, phone: nasty, email: nasty, idempotencyKey: nasty },
    { requiredKeys: [] },
  ),
  // an opt-in that is right except for one broken field (sent as JSON: form encoding could turn 0 into a valid "0")
  fc.constantFrom(...(Object.keys(brokenValue) as (keyof typeof brokenValue)[])).chain((field) =>
    brokenValue[field].map((v) => ({ decision: 'opt_in', noticeVersionId: a.version.id, confirmed: '1', name: 'Fuzz', phone: '+491700000001', email: 'f@example.com', idempotencyKey: randomUUID(), [field]: v, jsonOnly: true })),
  ),
  nasty,
);

const target = fc.oneof(
  fc.constant({ tenant: 'fuzz-a', token: 'forged' }),
  fc.constant({ tenant: 'fuzz-b', token: 'A'.repeat(43) }),
  fc.record({ tenant: fc.string({ maxLength: 80 }), token: fc.string({ maxLength: 80 }) }),
);

/** Valid submissions through the same route, before the fuzzing: the chains it must leave intact are not empty. */
const SEEDED = { a: 5, b: 3 };
async function seedRealEvents() {
  const ids: string[] = [];
  for (const [s, tenant, n] of [[a, 'fuzz-a', SEEDED.a], [b, 'fuzz-b', SEEDED.b]] as const) {
    for (let i = 0; i < n; i++) {
      const payload =
        i % 2
          ? { decision: 'opt_out', idempotencyKey: randomUUID() }
          : { decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: `Echt ${i}`, phone: `+4917012345${String(i).padStart(2, '0')}`, email: `echt${i}@example.com`, idempotencyKey: randomUUID() };
      const res = await POST(
        new Request('http://localhost/api/public/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }),
        { params: Promise.resolve({ tenant, token: s.token }) },
      );
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
      ids.push(((await res.json()) as { eventId: string }).eventId);
    }
  }
  return ids;
}

const tableCounts = () =>
  withSystem(async (tx) => ({
    events: (await tx.select().from(consentEvents)).length,
    contacts: (await tx.select().from(contacts)).length,
    mails: (await tx.select().from(mailOutbox)).length,
  }));

describe(`fuzzing POST /api/public/consent (${RUNS} payloads)`, () => {
  it('answers every bad payload with 4xx, writes nothing, and the chains still verify', async () => {
    const seededIds = await seedRealEvents();
    const before = await tableCounts();
    expect(before.events).toBe(SEEDED.a + SEEDED.b);
    expect(before.contacts).toBeGreaterThan(0);
    expect(before.mails).toBeGreaterThan(0);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(badPayload, fc.oneof(fc.constant(null), target), fc.boolean(), async (payload, where, asForm) => {
        // Valid link + bad payload, or any payload at a forged / other tenant's link.
        const t = where ?? { tenant: 'fuzz-a', token: a.token };
        const formOk = asForm && payload && typeof payload === 'object' && !Array.isArray(payload) && !('jsonOnly' in payload);
        asForm = !!formOk;
        const body = formOk
          ? new URLSearchParams(Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString()
          : JSON.stringify(payload);
        const res = await POST(
          new Request('http://localhost/api/public/consent', { method: 'POST', headers: { 'content-type': asForm ? 'application/x-www-form-urlencoded' : 'application/json' }, body }),
          { params: Promise.resolve(t) },
        );
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    console.log('fuzz statuses', Object.fromEntries(statuses));
    // Not a row written by the fuzzing: the seeded events, contacts and mails and nothing else.
    expect(await tableCounts()).toEqual(before);
    const events = await withSystem((tx) => tx.select({ id: consentEvents.id }).from(consentEvents));
    expect(events.map((e) => e.id).sort()).toEqual([...seededIds].sort());
    // Both logs verify, over exactly the seeded events (sealed now, as the sequencer would have).
    await sealAll();
    for (const [s, n] of [[a, SEEDED.a], [b, SEEDED.b]] as const) {
      const v = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id));
      expect(v).toMatchObject({ ok: true, events: n });
    }
  }, 600_000);
});
