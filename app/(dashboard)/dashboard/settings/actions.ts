'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { memberAction } from '@/lib/auth/action';
import { withTenant } from '@/lib/db/with-tenant';
import { logoUploadSchema, profileSchema } from '@/lib/tenants/profile-schema';
import { removeLogo, setLogo } from '@/lib/tenants/update-logo';
import { updateProfile } from '@/lib/tenants/update-profile';

// POST /dashboard/settings – save the company profile.
export const updateProfileAction = memberAction('profile.edit', profileSchema, async (input, ctx) => {
  const result = await withTenant(ctx.tenantId, (tx) => updateProfile(tx, ctx, input));
  revalidatePath('/dashboard', 'layout'); // the company name is in the dashboard header
  return result;
});

// POST /dashboard/settings – upload a company logo (PNG, JPEG or WebP by magic bytes, at most 300 kB).
export const uploadLogoAction = memberAction('profile.edit', logoUploadSchema, async (input, ctx) => {
  const bytes = new Uint8Array(await input.logo.arrayBuffer());
  const result = await withTenant(ctx.tenantId, (tx) => setLogo(tx, ctx, bytes));
  revalidatePath('/dashboard/settings');
  return result;
});

// POST /dashboard/settings – remove the company logo.
export const removeLogoAction = memberAction('profile.edit', z.object({}), async (_input, ctx) => {
  await withTenant(ctx.tenantId, (tx) => removeLogo(tx, ctx));
  revalidatePath('/dashboard/settings');
  return {};
});
