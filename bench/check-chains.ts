// After a consent benchmark: verifies every bench tenant's hash chain with lib/consent/verify-chain.ts and counts the
// events, so a run that "succeeded" by writing broken or missing rows is caught. Prints one JSON line.
//   npx tsx bench/check-chains.ts postgres <url> | pglite <dir> [<dir> …]   (no server may hold a PGlite dir)
import { like } from 'drizzle-orm';
import { openPglite, openPostgres, setDbHandle } from '@/db';
import { tenants } from '@/db/schema';
import { verifyChain } from '@/lib/consent/verify-chain';
import { withSystem, withTenant } from '@/lib/db/with-tenant';

const [driver, ...wheres] = process.argv.slice(2);
if (!wheres.length || (driver !== 'postgres' && driver !== 'pglite')) throw new Error('usage: check-chains.ts postgres <url> | pglite <dir>…');

let events = 0;
let chains = 0;
const broken: string[] = [];
for (const where of wheres) {
  const handle = driver === 'postgres' ? await openPostgres(where, { max: 2 }) : await openPglite(where);
  setDbHandle(handle);
  const list = await withSystem((tx) => tx.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(like(tenants.slug, 'bench-%')));
  for (const t of list) {
    const v = await withTenant(t.id, (tx) => verifyChain(tx, t.id));
    chains++;
    events += v.events;
    if (!v.ok) broken.push(`${t.slug}: ${JSON.stringify(v.firstBreak)}`);
  }
  await handle.close();
}
process.stdout.write(JSON.stringify({ ok: broken.length === 0, chains, events, broken: broken.slice(0, 5) }) + '\n');
