'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { plainForm, withMember } from '@/lib/http/pipeline';
import { dismissSetup } from '@/lib/tenants/setup-progress';

// POST /dashboard – hide the setup checklist (owner, admin).
export const dismissSetupAction = plainForm(
  withMember('profile.edit', z.object({}), (_input, ctx, tx) => dismissSetup(tx, ctx), { after: () => revalidatePath('/dashboard') }),
);
