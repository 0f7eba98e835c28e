'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
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

// POST /dashboard/links – the first link with sensible defaults (label "Allgemein", no expiry, no limit), then show it.
export const createFirstLinkAction = memberAction('links.create', z.object({ noticeId: z.uuid('links.fieldErrors.noticeRequired') }), async (input, ctx) => {
  const t = await getTranslations('links.firstLink');
  const link = await withTenant(ctx.tenantId, (tx) =>
    createLink(tx, ctx, { noticeId: input.noticeId, label: t('defaultLabel'), expiresAt: null, maxUses: null, prefillName: null, prefillPhone: null }),
  );
  revalidatePath('/dashboard/links');
  revalidatePath('/dashboard');
  redirect(`/dashboard/links/${link.id}?created=1`);
});
