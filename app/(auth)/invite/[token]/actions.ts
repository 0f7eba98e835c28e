'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { actionError, type ActionState } from '@/lib/auth/action';
import { requireUser, TENANT_COOKIE } from '@/lib/auth/member-context';
import { withSystem } from '@/lib/db/with-tenant';
import { acceptInvitation } from '@/lib/members/accept-invitation';
import { invitationTokenSchema } from '@/lib/members/schemas';

// POST /invite/[token] – the signed-in invitee joins the tenant.
export async function acceptInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const token = invitationTokenSchema.safeParse(formData.get('token'));
  if (!token.success) return { ok: false, error: 'invitationNotFound' };
  let tenantId: string;
  try {
    tenantId = (await withSystem((tx) => acceptInvitation(tx, user, token.data))).tenantId;
  } catch (err) {
    return actionError(err);
  }
  (await cookies()).set(TENANT_COOKIE, tenantId, { path: '/', httpOnly: true, sameSite: 'lax' });
  redirect('/dashboard');
}
