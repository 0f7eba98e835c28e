import { users } from '@/db/schema';
import { withSystem } from '@/lib/db/with-tenant';
import { insertInviteLink, insertPublishedNotice } from '@/lib/seed/seed-content';
import { createTenant } from '@/lib/tenants/create-tenant';

/**
 * A tenant with an owner, a published German notice and an active invite link, written directly through the
 * schema (tests of the consent flow should not depend on the dashboard use cases).
 */
export async function seedTenantWithLink(slug: string, opts: { doubleOptIn?: boolean; maxUses?: number } = {}) {
  return withSystem(async (tx) => {
    const [owner] = await tx.insert(users).values({ email: `owner@${slug}.example` }).returning();
    const tenant = await createTenant(tx, owner!.id, { name: `${slug} GmbH`, slug }, { doubleOptIn: opts.doubleOptIn ?? false, evidenceEmail: `nachweise@${slug}.example` });
    const text = { title: 'Datenschutzhinweis WhatsApp', body: 'Wir nutzen Ihre Nummer **nur** für WhatsApp.', purpose: 'Kommunikation über WhatsApp', legalBasis: 'Art. 6 Abs. 1 lit. a DSGVO', language: 'de' as const, version: 1 };
    const { noticeId, versions } = await insertPublishedNotice(tx, tenant.id, 'WhatsApp', [text]);
    const link = await insertInviteLink(tx, { tenantId: tenant.id, noticeId, label: 'Test', createdBy: owner!.id, maxUses: opts.maxUses });
    return { tenant, owner: owner!, noticeId, version: versions[0]!, linkId: link.id, link: { id: link.id, maxUses: opts.maxUses ?? null }, token: link.token };
  });
}

/**
 * Seals everything queued (issue #16): runs the ledger sequencer's passes until nothing is left, as the worker would
 * within a few milliseconds. Returns how many events it integrated.
 */
export async function sealAll(): Promise<number> {
  const { sequencePass } = await import('@/lib/ledger/sequencer-worker');
  let total = 0;
  for (let n = await sequencePass(); n > 0; n = await sequencePass()) total += n;
  return total;
}
