import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ledgerTiles } from '@/db/schema';
import { createTestDb } from '@/lib/testing/test-db';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { openCheckpoint } from '../tlog/checkpoint';
import { decodeHash } from '../tlog/hash';
import { verifyConsistency } from '../tlog/merkle';
import { parseVerifierKey } from '../tlog/note';
import { ledgerSigner } from '../signing';

// The public ledger endpoints (issue #16) through their route handlers and the public pipeline, on a real database.
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-einw-client-ip': '198.51.100.7', 'user-agent': 'vitest' }) }));
const keysRoute = await import('@/app/api/ledger/keys/route');
const latestRoute = await import('@/app/api/ledger/[tenant]/checkpoint/route');
const sizeRoute = await import('@/app/api/ledger/[tenant]/checkpoint/[size]/route');
const consistencyRoute = await import('@/app/api/ledger/[tenant]/consistency/route');
const tileRoute = await import('@/app/api/ledger/[tenant]/tile/[...path]/route');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
const get = (handler: { GET: (r: Request, c: { params: Promise<unknown> }) => Promise<Response> }, params: unknown, query = '') =>
  handler.GET(new Request(`http://localhost:3000/api/ledger/x${query}`), { params: Promise.resolve(params) });

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '100000';
  db = await createTestDb();
  s = await seedTenantWithLink('ledger-public');
  for (let i = 0; i < 5; i++) {
    const input = decisionSchema.parse({ decision: 'opt_out', idempotencyKey: randomUUID() });
    await submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: '203.0.113.0', userAgent: 'vitest', baseUrl: 'http://localhost:3000' });
    await sealAll(); // a checkpoint at every size 1..5
  }
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  await db.close();
});

describe('public ledger endpoints (issue #16)', () => {
  it('serves the verifier keys, current first, as text', async () => {
    const r = await get(keysRoute, {});
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await r.text()).trim().split('\n');
    expect(lines[0]).toBe(ledgerSigner().vkey);
    expect(() => lines.map(parseVerifierKey)).not.toThrow();
  });

  it('serves the latest signed checkpoint and a stored one by size; 404 for an unknown tenant, a bad id or a missing size', async () => {
    const key = [parseVerifierKey(ledgerSigner().vkey)];
    const latest = await get(latestRoute, { tenant: s.tenant.id });
    expect(latest.status).toBe(200);
    expect(latest.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(openCheckpoint(await latest.text(), key)).toMatchObject({ size: 5, origin: expect.stringContaining(`/ledger/${s.tenant.id}`) });
    const three = await get(sizeRoute, { tenant: s.tenant.id, size: '3' });
    expect(openCheckpoint(await three.text(), key).size).toBe(3);
    expect(three.headers.get('cache-control')).toContain('immutable');
    expect((await get(latestRoute, { tenant: randomUUID() })).status).toBe(404);
    expect((await get(latestRoute, { tenant: 'not-a-uuid' })).status).toBe(404);
    expect((await get(sizeRoute, { tenant: s.tenant.id, size: '99' })).status).toBe(404);
    expect((await get(sizeRoute, { tenant: s.tenant.id, size: '03' })).status).toBe(404);
  });

  it('serves a consistency proof that verifies between two signed checkpoints; 400 on bad sizes', async () => {
    const key = [parseVerifierKey(ledgerSigner().vkey)];
    const root = async (size: number) => openCheckpoint(await (await get(sizeRoute, { tenant: s.tenant.id, size: String(size) })).text(), key).root;
    const r = await get(consistencyRoute, { tenant: s.tenant.id }, '?from=2&to=5');
    expect(r.status).toBe(200);
    const proof = (await r.json()) as { size1: number; size2: number; hashes: string[] };
    expect(proof).toMatchObject({ size1: 2, size2: 5 });
    expect(verifyConsistency(2, 5, proof.hashes.map((h) => decodeHash(h)!), await root(2), await root(5))).toBeNull();
    for (const q of ['?from=0&to=5', '?from=3&to=2', '?from=2&to=6', '?from=x&to=5', '?to=5', '?from=01&to=5']) {
      expect((await get(consistencyRoute, { tenant: s.tenant.id }, q)).status, q).toBe(400);
    }
    expect((await get(consistencyRoute, { tenant: randomUUID() }, '?from=1&to=1')).status).toBe(404);
  });

  it('serves tiles (hashes only) at the widths the tree has; never entry bundles', async () => {
    const [stored] = await db.db.select().from(ledgerTiles).where(and(eq(ledgerTiles.tenantId, s.tenant.id), eq(ledgerTiles.level, 0), eq(ledgerTiles.idx, 0)));
    const partial = await get(tileRoute, { tenant: s.tenant.id, path: ['0', '000.p', '5'] });
    expect(partial.status).toBe(200);
    expect(Buffer.from(await partial.arrayBuffer()).equals(stored!.hashes.subarray(0, 160))).toBe(true);
    expect(partial.headers.get('cache-control')).not.toContain('immutable');
    const narrower = await get(tileRoute, { tenant: s.tenant.id, path: ['0', '000.p', '2'] });
    expect((await narrower.arrayBuffer()).byteLength).toBe(64);
    for (const path of [['0', '000'], ['0', '000.p', '6'], ['entries', '000.p', '5'], ['0', '001.p', '1'], ['0', '0.p', '5'], ['1', '000.p', '1']]) {
      expect((await get(tileRoute, { tenant: s.tenant.id, path })).status, path.join('/')).toBe(404);
    }
  });
});
