'use server';

import { revalidatePath } from 'next/cache';
import { memberAction } from '@/lib/auth/action';
import { withTenant } from '@/lib/db/with-tenant';
import { createLink } from '@/lib/links/create-link';
import { revokeLink } from '@/lib/links/revoke-link';
import { createLinkSchema, revokeLinkSchema } from '@/lib/links/schemas';

// POST /dashboard/links – create an invite link for a published notice.
export const createLinkAction = memberAction('links.create', createLinkSchema, async (input, ctx) => {
  const link = await withTenant(ctx.tenantId, (tx) => createLink(tx, ctx, input));
  revalidatePath('/dashboard/links');
  return link;
});

// POST /dashboard/links – revoke an invite link of the member's tenant.
export const revokeLinkAction = memberAction('links.revoke', revokeLinkSchema, async (input, ctx) => {
  const result = await withTenant(ctx.tenantId, (tx) => revokeLink(tx, ctx, input.linkId));
  revalidatePath('/dashboard/links');
  return result;
});
