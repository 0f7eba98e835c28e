import { and, eq } from 'drizzle-orm';
import { noticeVersions } from '@/db/schema';
import { systemDb, withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { resolveInviteLink } from '@/lib/links/resolve-link';
import { retryOnIdempotencyRace } from './append-event';
import { recordDecision } from './record-decision';
import type { DecisionInput } from './schemas';

export type SubmitDecision = {
  slug: string;
  token: string;
  input: DecisionInput;
  ip: string | null;
  userAgent: string | null;
  baseUrl: string;
};

/**
 * The public consent submission: resolves the link (its token names the tenant), checks that an opt-in confirmed a
 * version that is published for this link's notice, and records the decision in the tenant's transaction.
 */
export async function submitDecision(s: SubmitDecision) {
  const resolved = await resolveInviteLink(await systemDb(), s.slug, s.token);
  if (resolved.status !== 'active') throw new DomainError('linkUnavailable', 410);
  const { tenant, link } = resolved;
  // A same-key twin that raced past the idempotency check fails on the unique key; the retry then replays it.
  const result = await retryOnIdempotencyRace(() => withTenant(tenant.id, async (tx) => {
    let noticeVersion: { id: string; textHash: string } | null = null;
    if (s.input.decision === 'opt_in') {
      const [v] = await tx
        .select({ id: noticeVersions.id, textHash: noticeVersions.textHash })
        .from(noticeVersions)
        .where(
          and(
            eq(noticeVersions.tenantId, tenant.id),
            eq(noticeVersions.id, s.input.noticeVersionId),
            eq(noticeVersions.noticeId, link.noticeId),
            eq(noticeVersions.status, 'published'),
          ),
        );
      if (!v?.textHash) throw new DomainError('consent.errors.noticeChanged', 409);
      noticeVersion = { id: v.id, textHash: v.textHash };
    }
    return recordDecision(
      tx,
      { tenant, link, noticeVersion, ip: s.ip, userAgent: s.userAgent, language: s.input.locale, baseUrl: s.baseUrl },
      {
        decision: s.input.decision,
        name: s.input.name ?? null,
        phoneE164: s.input.phone ?? null,
        email: s.input.email ?? null,
        idempotencyKey: s.input.idempotencyKey,
      },
    );
  }));
  return { ...result, tenantSlug: tenant.slug };
}
