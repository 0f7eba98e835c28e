import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { invalidatePublicViews } from '@/lib/consent/public-cache';
import { validateLogo } from './logo';

type Actor = { tenantId: string; userId: string };

/** Stores a new company logo after checking its size and magic bytes (nothing is written when they fail). */
export async function setLogo(tx: Tx, ctx: Actor, bytes: Uint8Array) {
  const contentType = validateLogo(bytes);
  await tx
    .update(tenants)
    .set({ logoBase64: Buffer.from(bytes).toString('base64'), logoContentType: contentType })
    .where(eq(tenants.id, ctx.tenantId));
  invalidatePublicViews(ctx.tenantId); // the public pages show the logo (lib/consent/public-cache.ts)
  await recordAudit(tx, {
    tenantId: ctx.tenantId,
    actorUserId: ctx.userId,
    action: 'tenant.logo.update',
    targetType: 'tenant',
    targetId: ctx.tenantId,
    details: { contentType, bytes: bytes.length },
  });
  return { contentType, bytes: bytes.length };
}

/** Removes the company logo. */
export async function removeLogo(tx: Tx, ctx: Actor) {
  await tx.update(tenants).set({ logoBase64: null, logoContentType: null }).where(eq(tenants.id, ctx.tenantId));
  invalidatePublicViews(ctx.tenantId);
  await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'tenant.logo.remove', targetType: 'tenant', targetId: ctx.tenantId });
}
