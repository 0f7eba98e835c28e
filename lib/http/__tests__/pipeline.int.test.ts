import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { auditLog, tenants, users } from '@/db/schema';
import type { MemberContext } from '@/lib/auth/member-context';
import type { Role } from '@/lib/auth/permissions';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { DomainError, notFound } from '@/lib/errors';
import { createTestDb } from '@/lib/testing/test-db';
import { createTenant } from '@/lib/tenants/create-tenant';

// The session and membership come from cookies in Next; here the signed-in member is set per test. Everything after
// it — permission, parsing, withTenant, the audit row, the error mapping — is the real pipeline on a real database.
const member = vi.hoisted(() => ({ ctx: null as MemberContext | null }));
vi.mock('@/lib/auth/member-context', () => ({
  currentMember: async () => member.ctx,
  requireUser: async () => ({ id: member.ctx!.userId, email: member.ctx!.email }),
}));

const { memberRoute, withMember } = await import('../pipeline');

let db: Awaited<ReturnType<typeof createTestDb>>;
let base: MemberContext;
const as = (role: Role) => (member.ctx = { ...base, role });

async function auditRows(action: string) {
  return withTenant(base.tenantId, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, base.tenantId), eq(auditLog.action, action))));
}
async function tenantName() {
  return (await withTenant(base.tenantId, (tx) => tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, base.tenantId))))[0]!.name;
}
const rename = (name: string) => (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => tx.update(tenants).set({ name }).where(eq(tenants.id, base.tenantId));
const form = (entries: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = '1'; // as next.config's authInterrupts sets it: forbidden() throws its 403
  db = await createTestDb();
  base = await withSystem(async (tx) => {
    const [u] = await tx.insert(users).values({ email: 'owner@pipeline.example' }).returning();
    const t = await createTenant(tx, u!.id, { name: 'Pipeline GmbH', slug: 'pipeline' });
    return { userId: u!.id, email: u!.email, tenantId: t.id, tenantSlug: t.slug, tenantName: t.name, role: 'owner' as Role, memberships: [] };
  });
});
afterAll(() => db.close());
beforeEach(async () => {
  await withTenant(base.tenantId, rename('Pipeline GmbH'));
});

describe('withMember', () => {
  const schema = z.object({ name: z.string().min(2), email: z.email(), count: z.coerce.number().int().min(1) });
  const renameAction = withMember('profile.edit', schema, async (input, ctx, tx) => {
    await rename(input.name)(tx);
    if (input.count === 13) throw new DomainError('unlucky', 409);
    if (input.count === 99) throw new TypeError('a bug');
    return { renamed: input.name };
  }, {
    audit: { action: 'test.rename', target: (_i, r) => ({ type: 'tenant', id: r.renamed }), details: (input) => ({ count: input.count }) },
  });
  const valid = { name: 'Neu GmbH', email: 'a@b.example', count: '2' };

  it('refuses a member without the permission with a 403 before parsing: nothing written', async () => {
    as('sales');
    const err = await renameAction(null, form(valid)).catch((e: unknown) => e);
    expect((err as { digest?: string }).digest).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    expect(await tenantName()).toBe('Pipeline GmbH');
    expect(await auditRows('test.rename')).toHaveLength(0);
  });

  it('returns every field error at once and writes nothing', async () => {
    as('owner');
    const state = await renameAction(null, form({ name: 'x', email: 'nope' }));
    expect(state).toEqual({ ok: false, error: 'validation', fieldErrors: { name: 'tooShort', email: 'email', count: 'required' }, values: { name: 'x', email: 'nope' } });
    expect(await tenantName()).toBe('Pipeline GmbH');
    expect(await auditRows('test.rename')).toHaveLength(0);
  });

  it('writes the declared audit row in the same transaction as the change', async () => {
    as('admin');
    const state = await renameAction(null, form(valid));
    expect(state).toEqual({ ok: true, data: { renamed: 'Neu GmbH' } });
    expect(await tenantName()).toBe('Neu GmbH');
    const [row, ...more] = await auditRows('test.rename');
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ actorUserId: base.userId, targetType: 'tenant', targetId: 'Neu GmbH', details: JSON.stringify({ count: 2 }) });
  });

  it('a domain error rolls the change back, leaves no audit row and becomes a failed state with the code', async () => {
    const before = (await auditRows('test.rename')).length;
    const state = await renameAction(null, form({ ...valid, count: '13' }));
    expect(state).toEqual({ ok: false, error: 'unlucky', values: { ...valid, count: '13' } });
    expect(await tenantName()).toBe('Pipeline GmbH');
    expect(await auditRows('test.rename')).toHaveLength(before);
  });

  it('a bug propagates (Next answers 500) and rolls everything back', async () => {
    const before = (await auditRows('test.rename')).length;
    await expect(renameAction(null, form({ ...valid, count: '99' }))).rejects.toThrow('a bug');
    expect(await tenantName()).toBe('Pipeline GmbH');
    expect(await auditRows('test.rename')).toHaveLength(before);
  });

  it('a failing audit write rolls the handler change back (one transaction)', async () => {
    const broken = withMember('profile.edit', z.object({}), async (_i, _ctx, tx) => rename('Nie GmbH')(tx).then(() => 1), {
      audit: { action: 'test.broken', details: () => { throw new DomainError('auditFailed', 409); } },
    });
    expect(await broken(null, form())).toMatchObject({ ok: false, error: 'auditFailed' });
    expect(await tenantName()).toBe('Pipeline GmbH');
  });

  it('runs `after` once the transaction committed, with the result', async () => {
    const seen: string[] = [];
    const action = withMember('profile.edit', z.object({}), async (_i, _ctx, tx) => rename('Danach GmbH')(tx).then(() => 'done'), {
      after: async (result) => {
        seen.push(result, await tenantName()); // read from another transaction: visible only after the commit
      },
    });
    await action(null, form());
    expect(seen).toEqual(['done', 'Danach GmbH']);
  });
});

describe('memberRoute', () => {
  const handler = memberRoute(
    'proofs.download',
    { params: z.object({ id: z.uuid() }), query: z.object({ from: z.iso.date(), to: z.iso.date() }), audit: { action: 'test.download', target: ({ params }) => ({ type: 'thing', id: params.id }) } },
    async ({ params }, tx) => {
      await rename('Geladen GmbH')(tx);
      if (params.id === '00000000-0000-4000-8000-000000000000') throw notFound();
      if (params.id === '00000000-0000-4000-8000-000000000409') throw new DomainError('notPending', 409);
      return params.id;
    },
    (id) => new Response(`ok ${id}`),
  );
  const call = (id: string, query = '?from=2026-01-01&to=2026-01-31') =>
    handler(new Request(`http://localhost/x${query}`), { params: Promise.resolve({ id }) });
  const id = '11111111-1111-4111-8111-111111111111';

  it('403 problem for a role without the permission, nothing written', async () => {
    as('sales');
    const res = await call(id);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ status: 403, code: 'forbidden', title: 'Forbidden' });
    expect(await auditRows('test.download')).toHaveLength(0);
  });

  it('404 for params that cannot name anything, 400 with every field error for a bad query', async () => {
    as('dpo');
    expect((await call('not-a-uuid')).status).toBe(404);
    const res = await call(id, '?from=gestern');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'validation', errors: { from: 'invalid', to: 'required' } });
    expect(await auditRows('test.download')).toHaveLength(0);
  });

  it('a domain error keeps its own status (409 stays 409, 404 stays 404) and rolls back the load and the audit row', async () => {
    as('dpo');
    expect((await call('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const conflict = await call('00000000-0000-4000-8000-000000000409');
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).code).toBe('notPending');
    expect(await tenantName()).toBe('Pipeline GmbH');
    expect(await auditRows('test.download')).toHaveLength(0);
  });

  it('loads in the tenant transaction with its audit row, then responds', async () => {
    as('dpo');
    const res = await call(id);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`ok ${id}`);
    expect(await tenantName()).toBe('Geladen GmbH');
    expect(await auditRows('test.download')).toMatchObject([{ targetType: 'thing', targetId: id, actorUserId: base.userId }]);
  });
});
