import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { withSystem } from '@/lib/db/with-tenant';
import { listMemberships, type MembershipSummary } from '@/lib/tenants/list-memberships';
import { auth } from './index';
import { can, type Permission, type Role } from './permissions';
import { setTenantCookie, tenantFromCookie } from './tenant-cookie';

export type MemberContext = {
  userId: string;
  email: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: Role;
  memberships: MembershipSummary[];
};

/** The signed-in user, or a redirect to sign-in. */
export const requireUser = cache(async () => {
  const session = await auth();
  if (!session?.user?.id) redirect('/signin');
  return session.user;
});

/**
 * Session → membership: the signed-in user's working tenant, chosen by the tenant cookie among the user's own
 * memberships (never from the request otherwise). Redirects to sign-in, or to onboarding without a membership.
 * No permission check: see requireMember, and withMember / memberRoute (lib/http/pipeline.ts).
 */
export const currentMember = cache(async (): Promise<MemberContext> => {
  const user = await requireUser();
  const list = await withSystem((tx) => listMemberships(tx, user.id));
  if (list.length === 0) redirect('/onboarding');
  const chosen = await tenantFromCookie();
  const current = list.find((m) => m.tenantId === chosen) ?? list[0]!;
  return {
    userId: user.id,
    email: user.email,
    tenantId: current.tenantId,
    tenantSlug: current.slug,
    tenantName: current.name,
    role: current.role,
    memberships: list,
  };
});

/**
 * Session → membership → permission, for dashboard pages. The tenant comes from the user's memberships, never from
 * the request; a missing permission answers 403 (app/forbidden.tsx).
 */
export async function requireMember(permission: Permission = 'dashboard.view'): Promise<MemberContext> {
  const ctx = await currentMember();
  if (!can(ctx.role, permission)) forbidden();
  return ctx;
}

/** Switches the working tenant to `tenantId` if the user is a member of it; returns whether it did. */
export async function switchWorkingTenant(ctx: MemberContext, tenantId: string): Promise<boolean> {
  if (!ctx.memberships.some((m) => m.tenantId === tenantId)) return false;
  await setTenantCookie(tenantId);
  return true;
}
