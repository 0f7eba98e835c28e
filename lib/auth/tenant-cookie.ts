import 'server-only';
import { cookies } from 'next/headers';

/** Cookie naming the tenant the user is working in; only ever matched against the user's own memberships. */
export const TENANT_COOKIE = 'einw_tenant';

/** Makes `tenantId` the working tenant (after onboarding, joining, or a switch). The caller has checked membership. */
export async function setTenantCookie(tenantId: string): Promise<void> {
  (await cookies()).set(TENANT_COOKIE, tenantId, { path: '/', httpOnly: true, sameSite: 'lax' });
}

/** The tenant the cookie names, if any (unchecked: match it against the memberships). */
export async function tenantFromCookie(): Promise<string | undefined> {
  return (await cookies()).get(TENANT_COOKIE)?.value;
}
