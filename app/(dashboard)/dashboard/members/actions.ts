'use server';

import { revalidatePath } from 'next/cache';
import { memberAction } from '@/lib/auth/action';
import { withTenant } from '@/lib/db/with-tenant';
import { kickMailWorker } from '@/lib/mail/worker';
import { inviteMember } from '@/lib/members/invite-member';
import { inviteMemberSchema } from '@/lib/members/schemas';

// POST /dashboard/members – invite a member by e-mail with a role.
export const inviteMemberAction = memberAction('members.invite', inviteMemberSchema, async (input, ctx) => {
  await withTenant(ctx.tenantId, (tx) => inviteMember(tx, ctx, input));
  kickMailWorker();
  revalidatePath('/dashboard/members');
  return { email: input.email };
});
