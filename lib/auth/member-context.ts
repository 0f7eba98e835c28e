import 'server-only';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { withSystem } from '@/lib/db/with-tenant';
import { listMemberships, type MembershipSummary } from '@/lib/tenants/list-memberships';
import { auth } from './index';
import { can, type Permission, type Role } from './permissions';

/** Cookie naming the tenant the user is working in; only ever matched against the user's own memberships. */
export const TENANT_COOKIE = 'einw_tenant';

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

const loadContext = cache(async (): Promise<MemberContext> => {
  const user = await requireUser();
  const list = await withSystem((tx) => listMemberships(tx, user.id));
  if (list.length === 0) redirect('/onboarding');
  const chosen = (await cookies()).get(TENANT_COOKIE)?.value;
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
 * Session → membership → permission, for every dashboard page, action and route handler. The tenant comes from
 * the user's memberships, never from the request; a missing permission answers 403.
 */
export async function requireMember(permission: Permission = 'dashboard.view'): Promise<MemberContext> {
  const ctx = await loadContext();
  if (!can(ctx.role, permission)) forbidden();
  return ctx;
}
