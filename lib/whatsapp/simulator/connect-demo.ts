import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { tenants, whatsappConnections } from '@/db/schema';
import { randomToken } from '@/lib/crypto';
import { DEMO } from '@/lib/seed/seed-demo';
import { connectWhatsapp } from '../connect';

/** The demo tenant's simulated business number (phone_number_id and the number contacts write to). */
export const DEMO_WHATSAPP = { phoneNumberId: 'sim-musterbetrieb', businessAccountId: 'sim-waba-musterbetrieb', displayNumber: '+49301234567' } as const;

/**
 * Connects the demo tenant to the simulator unless it has a connection already (server start, development): so
 * `npm run dev` shows the whole loop — opt in on the web, confirm by code, write "Stopp" in /dev/whatsapp.
 * Returns whether it connected now.
 */
export async function connectDemoToSimulator(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [t] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, DEMO.slug));
    if (!t) return false;
    const [existing] = await tx.select({ id: whatsappConnections.tenantId }).from(whatsappConnections).where(eq(whatsappConnections.tenantId, t.id));
    if (existing) return false;
    await connectWhatsapp(tx, t.id, { ...DEMO_WHATSAPP, accessToken: randomToken(24), appSecret: randomToken(24) }, { simulated: true });
    return true;
  });
}
