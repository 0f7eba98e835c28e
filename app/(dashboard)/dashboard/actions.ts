'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth';
import { requireMember, TENANT_COOKIE } from '@/lib/auth/member-context';

// POST /dashboard – switch the working tenant; only one of the user's own memberships is accepted.
export async function switchTenant(formData: FormData) {
  const ctx = await requireMember();
  const target = ctx.memberships.find((m) => m.tenantId === formData.get('tenantId'));
  if (target) (await cookies()).set(TENANT_COOKIE, target.tenantId, { path: '/', httpOnly: true, sameSite: 'lax' });
  redirect('/dashboard');
}

// POST /dashboard – sign out (deletes the database session).
export async function signOutAction() {
  await signOut({ redirectTo: '/' });
}
