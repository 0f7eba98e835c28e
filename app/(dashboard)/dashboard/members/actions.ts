'use server';

import { revalidatePath } from 'next/cache';
import { withMember } from '@/lib/http/pipeline';
import { kickMailWorker } from '@/lib/mail/worker';
import { inviteMember } from '@/lib/members/invite-member';
import { inviteMemberSchema } from '@/lib/members/schemas';

// POST /dashboard/members – invite a member by e-mail with a role.
export const inviteMemberAction = withMember(
  'members.invite',
  inviteMemberSchema,
  async (input, ctx, tx) => {
    await inviteMember(tx, ctx, input);
    return { email: input.email };
  },
  {
    after: () => {
      kickMailWorker();
      revalidatePath('/dashboard/members');
    },
  },
);
