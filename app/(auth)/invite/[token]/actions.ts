'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { setTenantCookie } from '@/lib/auth/tenant-cookie';
import { withUser } from '@/lib/http/pipeline';
import { joinByInvitation } from '@/lib/members/accept-invitation';

// POST /invite/[token] – the signed-in invitee joins the tenant (a malformed token is "invitation not found").
export const acceptInvitationAction = withUser(z.object({ token: z.string().max(200) }), async (input, user) => {
  const { tenantId } = await joinByInvitation(user, input.token);
  await setTenantCookie(tenantId);
  redirect('/dashboard');
});
