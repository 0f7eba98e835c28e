import 'server-only';
import { and, eq } from 'drizzle-orm';
import { noticeVersions } from '@/db/schema';
import type { Tx } from '@/db';
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
  const result = await retryOnIdempotencyRace(() =>
    withTenant(tenant.id, (tx) =>
      recordDecision(
        tx,
        {
          tenant,
          link,
          // Started here, awaited inside recordDecision together with its own reads (one round trip).
          noticeVersion: s.input.decision === 'opt_in' ? confirmedVersion(tx, tenant.id, link.noticeId, s.input.noticeVersionId) : null,
          ip: s.ip,
          userAgent: s.userAgent,
          language: s.input.locale,
          baseUrl: s.baseUrl,
        },
        {
          decision: s.input.decision,
          name: s.input.name ?? null,
          phoneE164: s.input.phone ?? null,
          email: s.input.email ?? null,
          idempotencyKey: s.input.idempotencyKey,
        },
      ),
    ),
  );
  return { ...result, tenantSlug: tenant.slug };
}

/** The version the contact confirmed, if it is a published version of the link's notice; else 409 (notice changed). */
async function confirmedVersion(tx: Tx, tenantId: string, noticeId: string, versionId: string) {
  const [v] = await tx
    .select({ id: noticeVersions.id, textHash: noticeVersions.textHash })
    .from(noticeVersions)
    .where(
      and(
        eq(noticeVersions.tenantId, tenantId),
        eq(noticeVersions.id, versionId),
        eq(noticeVersions.noticeId, noticeId),
        eq(noticeVersions.status, 'published'),
      ),
    );
  if (!v?.textHash) throw new DomainError('consent.errors.noticeChanged', 409);
  return { id: v.id, textHash: v.textHash };
}
