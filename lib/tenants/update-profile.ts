import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { invalidatePublicViews } from '@/lib/consent/public-cache';
import { DomainError } from '@/lib/errors';
import { switchEvidenceDelivery } from '@/lib/evidence/digest';
import type { ProfileInput } from './profile-schema';

type Actor = { tenantId: string; userId: string };

/** Saves the company profile; the audit row names the fields that changed. */
export async function updateProfile(tx: Tx, ctx: Actor, input: ProfileInput) {
  const [before] = await tx.select().from(tenants).where(eq(tenants.id, ctx.tenantId)).for('update');
  if (!before) throw new DomainError('notFound', 404);
  const changed = (Object.keys(input) as (keyof ProfileInput)[]).filter((k) => before[k] !== input[k]);
  if (changed.length === 0) return { changed };
  await tx.update(tenants).set(input).where(eq(tenants.id, ctx.tenantId));
  invalidatePublicViews(ctx.tenantId); // the public pages show the new profile (lib/consent/public-cache.ts)
  await switchEvidenceDelivery(tx, ctx.tenantId, before.evidenceDelivery, input.evidenceDelivery);
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.userId,
    action: 'tenant.profile.update',
    targetType: 'tenant',
    targetId: ctx.tenantId,
    details: { changed },
  });
  return { changed };
}
