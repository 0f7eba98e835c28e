'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { actionError, failure, formObject, type ActionState } from '@/lib/auth/action';
import { requireUser, TENANT_COOKIE } from '@/lib/auth/member-context';
import { withSystem } from '@/lib/db/with-tenant';
import { createTenant } from '@/lib/tenants/create-tenant';
import { createTenantSchema } from '@/lib/tenants/schemas';
import { fieldErrorsOf } from '@/lib/validation';

// POST /onboarding – create a company; the signed-in user becomes its owner.
export async function createTenantAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = createTenantSchema.safeParse(formObject(formData));
  if (!parsed.success) return failure(formData, 'validation', fieldErrorsOf(parsed.error));
  let tenantId: string;
  try {
    tenantId = (await withSystem((tx) => createTenant(tx, user.id, parsed.data))).id;
  } catch (err) {
    return actionError(err, formData);
  }
  (await cookies()).set(TENANT_COOKIE, tenantId, { path: '/', httpOnly: true, sameSite: 'lax' });
  redirect('/dashboard');
}
