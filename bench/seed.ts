// Seeds the tenants the consent benchmark submits to, through the same fixture the tests use (seedTenantWithLink:
// tenant + published notice + active invite link + evidence address). Writes the targets as JSON to stdout:
// [{ slug, token, noticeVersionId }]. Run with the server's AUTH_SECRET (link tokens are derived from it).
//   npx tsx bench/seed.ts postgres <url>   migrates the (fresh) database first
//   npx tsx bench/seed.ts pglite <dir>     creates and migrates an embedded database (no server may hold it yet)
// BENCH_TENANTS (default 51): tenant 0 is "one tenant alone", tenants 1..50 are the mixed run.
import { migratePostgres, openPglite, openPostgres, setDbHandle } from '@/db';
import { seedTenantWithLink } from '@/lib/testing/fixtures';

export type Target = { slug: string; token: string; noticeVersionId: string };

const [driver, where] = process.argv.slice(2);
if (!where || (driver !== 'postgres' && driver !== 'pglite')) throw new Error('usage: seed.ts postgres <url> | pglite <dir>');
const count = Number(process.env.BENCH_TENANTS ?? 51);

if (driver === 'postgres') await migratePostgres(where);
const handle = driver === 'postgres' ? await openPostgres(where, { max: 2 }) : await openPglite(where);
setDbHandle(handle);
const targets: Target[] = [];
for (let i = 0; i < count; i++) {
  const s = await seedTenantWithLink(`bench-${i}`);
  targets.push({ slug: s.tenant.slug, token: s.token, noticeVersionId: s.version.id });
}
await handle.close();
process.stdout.write(JSON.stringify(targets) + '\n');
