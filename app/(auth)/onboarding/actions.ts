'use server';

import { redirect } from 'next/navigation';
import { setTenantCookie } from '@/lib/auth/tenant-cookie';
import { withUser } from '@/lib/http/pipeline';
import { createCompany } from '@/lib/tenants/create-tenant';
import { createTenantSchema } from '@/lib/tenants/schemas';

// POST /onboarding – create a company; the signed-in user becomes its owner.
export const createTenantAction = withUser(createTenantSchema, async (input, user) => {
  const tenant = await createCompany(user.id, input);
  await setTenantCookie(tenant.id);
  redirect('/dashboard');
});
