'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signOut } from '@/lib/auth';
import { switchWorkingTenant } from '@/lib/auth/member-context';
import { formAction, plainForm, withMember } from '@/lib/http/pipeline';

// POST /dashboard – switch the working tenant; only one of the user's own memberships is accepted.
export const switchTenant = plainForm(
  withMember('dashboard.view', z.object({ tenantId: z.string().max(64) }), async () => undefined, {
    after: async (_result, input, ctx) => {
      await switchWorkingTenant(ctx, input.tenantId);
      redirect('/dashboard');
    },
  }),
);

// POST /dashboard – sign out (deletes the database session); works without a session too.
export const signOutAction = plainForm(formAction(z.object({}), () => signOut({ redirectTo: '/' })));
