import { randomUUID } from 'node:crypto';
import { inviteLinks, noticeVersions, privacyNotices, users } from '@/db/schema';
import { withSystem } from '@/lib/db/with-tenant';
import { deriveToken, tokenHash } from '@/lib/links/token';
import { noticeTextHash } from '@/lib/notices/text-hash';
import { createTenant } from '@/lib/tenants/create-tenant';

/**
 * A tenant with an owner, a published German notice and an active invite link, written directly through the
 * schema (tests of the consent flow should not depend on the dashboard use cases).
 */
export async function seedTenantWithLink(slug: string, opts: { doubleOptIn?: boolean; maxUses?: number } = {}) {
  return withSystem(async (tx) => {
    const [owner] = await tx.insert(users).values({ email: `owner@${slug}.example` }).returning();
    const tenant = await createTenant(tx, owner!.id, { name: `${slug} GmbH`, slug }, { doubleOptIn: opts.doubleOptIn ?? false, evidenceEmail: `nachweise@${slug}.example` });
    const noticeId = randomUUID();
    await tx.insert(privacyNotices).values({ tenantId: tenant.id, id: noticeId, name: 'WhatsApp' });
    const text = { title: 'Datenschutzhinweis WhatsApp', body: 'Wir nutzen Ihre Nummer **nur** für WhatsApp.', purpose: 'Kommunikation über WhatsApp', legalBasis: 'Art. 6 Abs. 1 lit. a DSGVO', language: 'de' as const, version: 1 };
    const [version] = await tx
      .insert(noticeVersions)
      .values({ tenantId: tenant.id, noticeId, ...text, status: 'published', publishedAt: new Date(), textHash: noticeTextHash(text) })
      .returning();
    const linkId = randomUUID();
    const token = deriveToken('invite', linkId);
    await tx.insert(inviteLinks).values({ tenantId: tenant.id, id: linkId, noticeId, label: 'Test', tokenHash: tokenHash(token), maxUses: opts.maxUses ?? null, createdBy: owner!.id });
    return { tenant, owner: owner!, noticeId, version: version!, linkId, token };
  });
}
