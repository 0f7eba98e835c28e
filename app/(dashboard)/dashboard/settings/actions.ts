'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withMember } from '@/lib/http/pipeline';
import { logoUploadSchema, profileSchema } from '@/lib/tenants/profile-schema';
import { removeLogo, setLogo } from '@/lib/tenants/update-logo';
import { updateProfile } from '@/lib/tenants/update-profile';

// POST /dashboard/settings – save the company profile.
export const updateProfileAction = withMember('profile.edit', profileSchema, (input, ctx, tx) => updateProfile(tx, ctx, input), {
  after: () => revalidatePath('/dashboard', 'layout'), // the company name is in the dashboard header
});

// POST /dashboard/settings – upload a company logo (PNG, JPEG or WebP by magic bytes, at most 300 kB).
export const uploadLogoAction = withMember('profile.edit', logoUploadSchema, async (input, ctx, tx) => setLogo(tx, ctx, new Uint8Array(await input.logo.arrayBuffer())), {
  after: () => revalidatePath('/dashboard/settings'),
});

// POST /dashboard/settings – remove the company logo.
export const removeLogoAction = withMember('profile.edit', z.object({}), async (_input, ctx, tx) => {
  await removeLogo(tx, ctx);
  return {};
}, { after: () => revalidatePath('/dashboard/settings') });
