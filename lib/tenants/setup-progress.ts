import 'server-only';
import { and, eq, exists, isNull } from 'drizzle-orm';
import { inviteLinks, noticeVersions, tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Permission } from '@/lib/auth/permissions';
import { controllerGaps } from '@/lib/notices/controller';

/** What the checklist knows about a tenant, read in one query. */
export type SetupFacts = {
  profile: { name: string; legalName: string | null; address: string | null; contactPhone: string | null; evidenceEmail: string | null; impressumUrl: string | null };
  hasPublishedNotice: boolean;
  hasLink: boolean;
  dismissedAt: Date | null;
};

/**
 * The setup checklist as data, in order. A step appears once its feature exists: "WhatsApp connected" and "address
 * book checked" get an entry here (with `done` reading a fact added to SetupFacts) when those features land.
 */
export const SETUP_STEPS = [
  {
    id: 'profile',
    href: '/dashboard/settings',
    permission: 'profile.edit',
    // The notice must name the controller; the Impressum link completes the company details.
    done: (f: SetupFacts) => controllerGaps(f.profile).length === 0 && Boolean(f.profile.impressumUrl),
  },
  { id: 'notice', href: '/dashboard/notices', permission: 'notices.edit', done: (f: SetupFacts) => f.hasPublishedNotice },
  { id: 'link', href: '/dashboard/links', permission: 'links.create', done: (f: SetupFacts) => f.hasLink },
] as const satisfies readonly { id: string; href: string; permission: Permission; done: (f: SetupFacts) => boolean }[];

export type SetupStepId = (typeof SETUP_STEPS)[number]['id'];
export type SetupProgress = {
  steps: { id: SetupStepId; href: string; permission: Permission; done: boolean }[];
  doneCount: number;
  total: number;
  complete: boolean;
  dismissed: boolean;
};

/** The tenant's facts for the checklist: profile, a published notice, a link — one statement. */
export async function loadSetupFacts(tx: Tx, tenantId: string): Promise<SetupFacts> {
  const published = tx
    .select({ id: noticeVersions.id })
    .from(noticeVersions)
    .where(and(eq(noticeVersions.tenantId, tenantId), eq(noticeVersions.status, 'published')));
  const link = tx.select({ id: inviteLinks.id }).from(inviteLinks).where(eq(inviteLinks.tenantId, tenantId));
  const [row] = await tx
    .select({
      name: tenants.name,
      legalName: tenants.legalName,
      address: tenants.address,
      contactPhone: tenants.contactPhone,
      evidenceEmail: tenants.evidenceEmail,
      impressumUrl: tenants.impressumUrl,
      dismissedAt: tenants.setupDismissedAt,
      hasPublishedNotice: exists(published).mapWith(Boolean),
      hasLink: exists(link).mapWith(Boolean),
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!row) throw new Error('tenant not visible in its own scope');
  const { dismissedAt, hasPublishedNotice, hasLink, ...profile } = row;
  return { profile, hasPublishedNotice, hasLink, dismissedAt };
}

/** Derives the checklist from the facts (pure: tested without a database). */
export function setupProgress(facts: SetupFacts): SetupProgress {
  const steps = SETUP_STEPS.map((s) => ({ id: s.id, href: s.href, permission: s.permission, done: s.done(facts) }));
  const doneCount = steps.filter((s) => s.done).length;
  return { steps, doneCount, total: steps.length, complete: doneCount === steps.length, dismissed: facts.dismissedAt !== null };
}

/** The checklist of the tenant, in the caller's tenant transaction. */
export async function getSetupProgress(tx: Tx, tenantId: string): Promise<SetupProgress> {
  return setupProgress(await loadSetupFacts(tx, tenantId));
}

/** Hides the checklist for good (owner/admin); idempotent, audited. */
export async function dismissSetup(tx: Tx, ctx: { tenantId: string; userId: string }): Promise<void> {
  const rows = await tx
    .update(tenants)
    .set({ setupDismissedAt: new Date() })
    .where(and(eq(tenants.id, ctx.tenantId), isNull(tenants.setupDismissedAt)))
    .returning({ id: tenants.id });
  if (rows.length) await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'tenant.setup.dismiss', targetType: 'tenant', targetId: ctx.tenantId });
}
