import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, memberships, tenants, users } from '@/db/schema';
import { createTestDb } from '@/lib/testing/test-db';
import { createTenant } from '@/lib/tenants/create-tenant';
import { withSystem, withTenant } from '../with-tenant';

let db: Awaited<ReturnType<typeof createTestDb>>;
let a: string;
let b: string;

beforeAll(async () => {
  db = await createTestDb();
  await withSystem(async (tx) => {
    const [ua, ub] = await tx.insert(users).values([{ email: 'a@example.com' }, { email: 'b@example.com' }]).returning();
    a = (await createTenant(tx, ua!.id, { name: 'A GmbH', slug: 'tenant-a' })).id;
    b = (await createTenant(tx, ub!.id, { name: 'B GmbH', slug: 'tenant-b' })).id;
  });
});
afterAll(() => db.close());

describe(`row-level security (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('hides other tenants even when a query forgets its WHERE clause', async () => {
    const seen = await withTenant(a, async (tx) => ({
      tenants: await tx.select().from(tenants),
      memberships: await tx.select().from(memberships),
      audit: await tx.select().from(auditLog),
    }));
    expect(seen.tenants.map((t) => t.id)).toEqual([a]);
    expect(seen.memberships.every((m) => m.tenantId === a)).toBe(true);
    expect(seen.memberships).toHaveLength(1);
    expect(seen.audit.every((r) => r.tenantId === a)).toBe(true);
    // The system connection sees both: the rows exist, the policy hides them.
    const all = await withSystem((tx) => tx.select().from(tenants));
    expect(all.map((t) => t.id).sort()).toEqual([a, b].sort());
  });

  it('scopes the very first statement of the transaction (the scope is pipelined with it, not awaited first)', async () => {
    const [first, second] = await withTenant(b, (tx) =>
      Promise.all([
        tx.execute(sql`select current_user as "user", current_setting('app.tenant_id', true) as tenant`),
        tx.select({ id: tenants.id }).from(tenants),
      ]),
    );
    const row = (Array.isArray(first) ? first[0] : (first as { rows: unknown[] }).rows[0]) as { user: string; tenant: string };
    expect(row).toEqual({ user: 'einwilligung_app', tenant: b });
    expect(second.map((t) => t.id)).toEqual([b]);
  });

  it('refuses writes into another tenant', async () => {
    await expect(
      withTenant(a, (tx) => tx.insert(auditLog).values({ tenantId: b, actorUserId: null, action: 'forged' })),
    ).rejects.toThrow();
    const forged = await withSystem((tx) => tx.select().from(auditLog).where(sql`action = 'forged'`));
    expect(forged).toHaveLength(0);
  });

  it('cannot update or delete another tenant\'s rows', async () => {
    await withTenant(a, async (tx) => {
      await tx.update(tenants).set({ name: 'hijacked' }).where(sql`true`);
      await tx.delete(memberships).where(sql`tenant_id = ${b}`);
    });
    const [tb] = await withSystem((tx) => tx.select().from(tenants).where(sql`id = ${b}`));
    expect(tb!.name).toBe('B GmbH');
    const mb = await withSystem((tx) => tx.select().from(memberships).where(sql`tenant_id = ${b}`));
    expect(mb).toHaveLength(1);
  });

  it('sees nothing without a tenant, and rejects a tenant id that is not a uuid', async () => {
    const db2 = db.db;
    const rows = await db2.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'einwilligung_app', true)`);
      return tx.select().from(tenants);
    });
    expect(rows).toHaveLength(0);
    await expect(withTenant("' or 1=1 --", async () => 1)).rejects.toThrow();
  });
});
