import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants, whatsappConnections } from '@/db/schema';
import { systemDb } from '@/lib/db/with-tenant';

/** The simulated business numbers of every tenant, for /dev/whatsapp (development only; cross-tenant by nature). */
export async function simulatedNumbers(): Promise<{ name: string; phoneNumberId: string; displayNumber: string }[]> {
  const db = await systemDb();
  return db
    .select({ name: tenants.name, phoneNumberId: whatsappConnections.phoneNumberId, displayNumber: whatsappConnections.displayNumber })
    .from(whatsappConnections)
    .innerJoin(tenants, eq(tenants.id, whatsappConnections.tenantId))
    .where(eq(whatsappConnections.simulated, true))
    .orderBy(tenants.name);
}
