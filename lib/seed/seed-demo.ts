import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { tenants, users } from '@/db/schema';
import { createTenant } from '@/lib/tenants/create-tenant';
import { DEMO_NOTICE, insertInviteLink, insertPublishedNotice } from './seed-content';

export const DEMO = {
  slug: 'musterbetrieb',
  name: 'Musterbetrieb GmbH',
  ownerEmail: 'owner@example.com',
} as const;

/**
 * Creates the demo tenant "Musterbetrieb GmbH" with owner@example.com, a published WhatsApp notice (de + en) and
 * an invite link, unless the tenant exists. Returns its id.
 */
export async function seedDemo(db: Db): Promise<{ tenantId: string; created: boolean; linkToken?: string }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, DEMO.slug));
    if (existing) return { tenantId: existing.id, created: false };
    await tx.insert(users).values({ email: DEMO.ownerEmail, name: 'Olga Owner' }).onConflictDoNothing();
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO.ownerEmail));
    const tenant = await createTenant(
      tx,
      owner!.id,
      { name: DEMO.name, slug: DEMO.slug },
      {
        legalName: 'Musterbetrieb GmbH',
        address: 'Musterstraße 1, 10115 Berlin',
        controllerRepresentative: 'Olga Owner (Geschäftsführerin)',
        dpoName: 'Datenschutz Beispiel',
        dpoEmail: 'datenschutz@musterbetrieb.example',
        impressumUrl: 'https://musterbetrieb.example/impressum',
        evidenceEmail: 'nachweise@musterbetrieb.example',
        contactPhone: '+49 30 1234567',
        brandColor: '#0f766e',
      },
    );
    const { noticeId } = await insertPublishedNotice(tx, tenant.id, 'WhatsApp-Kommunikation', [
      { ...DEMO_NOTICE.de, version: 1 },
      { ...DEMO_NOTICE.en, version: 2 },
    ]);
    const link = await insertInviteLink(tx, { tenantId: tenant.id, noticeId, label: 'Demo: Ladengeschäft', createdBy: owner!.id });
    return { tenantId: tenant.id, created: true, linkToken: link.token };
  });
}
