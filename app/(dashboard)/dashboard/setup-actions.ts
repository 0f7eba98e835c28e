'use server';

import { revalidatePath } from 'next/cache';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { dismissSetup } from '@/lib/tenants/setup-progress';

// POST /dashboard – hide the setup checklist (owner, admin).
export async function dismissSetupAction() {
  const ctx = await requireMember('profile.edit');
  await withTenant(ctx.tenantId, (tx) => dismissSetup(tx, ctx));
  revalidatePath('/dashboard');
}
