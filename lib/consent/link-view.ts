import 'server-only';
import { systemDb, withTenant } from '@/lib/db/with-tenant';
import type { Locale } from '@/lib/i18n/locales';
import { linkStatus, type LinkStatus } from '@/lib/links/link-status';
import { resolveInviteLink, type PublicTenant } from '@/lib/links/resolve-link';
import type { NoticeVersion } from '@/lib/notices/get-notice';
import { findPublishedVersion } from '@/lib/notices/find-published-version';
import { cached } from './public-cache';

export type LinkView = {
  tenant: PublicTenant;
  link: { id: string; tenantId: string; prefillName: string | null; prefillPhone: string | null; revokedAt: Date | null; expiresAt: Date | null; maxUses: number | null; uses: number };
  status: LinkStatus;
  /** The published version shown in this language (else in another), null before the first publication. */
  notice: NoticeVersion | null;
};

/**
 * What a visitor of `/c/<slug>/<token>` sees, from the per-instance cache (lib/consent/public-cache.ts). The link's
 * status is computed on every call (an expiry passes without a change); uses counted since the entry was filled show
 * after the TTL — the submission's own transaction checks the link again, so a used-up link never records more.
 * Unknown or malformed links throw the same 404 DomainError as resolveInviteLink and are not cached.
 */
export async function loadLinkView(slug: string, token: string, locale: Locale): Promise<LinkView> {
  const view = await cached(`link:${locale}:${slug}/${token}`, () => readLinkView(slug, token, locale), (v) => v.tenant.id);
  return { ...view, status: linkStatus(view.link) };
}

async function readLinkView(slug: string, token: string, locale: Locale): Promise<LinkView> {
  const { tenant, link, status } = await resolveInviteLink(await systemDb(), slug, token);
  const notice = status === 'active' ? await withTenant(tenant.id, (tx) => findPublishedVersion(tx, tenant.id, link.noticeId, locale)) : null;
  const { id, tenantId, prefillName, prefillPhone, revokedAt, expiresAt, maxUses, uses } = link;
  return { tenant, link: { id, tenantId, prefillName, prefillPhone, revokedAt, expiresAt, maxUses, uses }, status, notice };
}
