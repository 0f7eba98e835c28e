import { randomUUID } from 'node:crypto';
import { format, inspect } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('safe-errors');
});
afterAll(() => db.close());

const NAME = 'Evil Erika Mustermann';
const PHONE = '+491701234599';
const HASH = 'f00dfeedcafe0123456789abcdef0123456789abcdef0123456789abcdef0042';

/** Everything a logger could print of an error: Next logs it with console.error (util.inspect, cause chain included). */
function everythingPrinted(err: unknown): string {
  return [String(err), (err as Error).stack, format('%o', err), inspect(err, { depth: Infinity, showHidden: true }), JSON.stringify(err)].join('\n');
}

async function failure(p: Promise<unknown>): Promise<Error & { code?: string; cause?: Error }> {
  return p.then(
    () => {
      throw new Error('expected the statement to fail');
    },
    (e: unknown) => e as Error & { code?: string; cause?: Error },
  );
}

describe(`database errors carry no parameter values (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('a NUL byte in a contact (SQLSTATE 22021): the thrown error names the SQL and code, not the name, phone or token hash', async () => {
    const err = await failure(
      withTenant(s.tenant.id, (tx) =>
        tx.insert(contacts).values({ tenantId: s.tenant.id, name: `${NAME}\u0000`, phoneE164: PHONE, status: 'opted_in', withdrawTokenHash: HASH }),
      ),
    );
    expect(err.code).toBe('22021');
    const printed = everythingPrinted(err);
    expect(printed).toMatch(/insert into "contacts"/);
    for (const secret of ['Evil', 'Mustermann', PHONE, HASH, '491701234599']) expect(printed).not.toContain(secret);
  });

  it('a value PostgreSQL quotes in its message (22P02) is redacted', async () => {
    const err = await failure(withSystem((tx) => tx.execute(sql`select ${`${NAME} ${PHONE}`}::uuid`)));
    expect(err.code).toBe('22P02');
    expect(err.cause?.message).toMatch(/invalid input syntax for type uuid/);
    const printed = everythingPrinted(err);
    for (const secret of ['Evil', PHONE]) expect(printed).not.toContain(secret);
  });

  it('a unique violation keeps the constraint name (idempotency races are still recognised), not the key values', async () => {
    const insert = () =>
      withTenant(s.tenant.id, (tx) => tx.insert(contacts).values({ tenantId: s.tenant.id, id: randomUUID(), name: NAME, status: 'opted_in', withdrawTokenHash: HASH }));
    await insert();
    const err = await failure(insert());
    expect(err.code).toBe('23505');
    expect(err.message).toMatch(/contacts_withdraw_token_hash_key/);
    const printed = everythingPrinted(err);
    for (const secret of ['Evil', HASH]) expect(printed).not.toContain(secret);
    expect(err.cause?.message).toMatch(/contacts_withdraw_token_hash_key/); // what isIdempotencyRace reads
  });
});
