// npm run db:seed – creates the demo tenant "Musterbetrieb GmbH" (owner@example.com) on DATABASE_URL or .data/pglite.
import { getDbHandle } from '../db/index';
import { seedDemo } from '../lib/seed/seed-demo';

const handle = await getDbHandle();
const { created, tenantId } = await seedDemo(handle.db);
console.log(created ? `seeded demo tenant ${tenantId}` : `demo tenant exists (${tenantId})`);
await handle.close();
