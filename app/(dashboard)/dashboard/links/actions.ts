'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { withMember } from '@/lib/http/pipeline';
import { createLink } from '@/lib/links/create-link';
import { revokeLink } from '@/lib/links/revoke-link';
import { createLinkSchema, revokeLinkSchema } from '@/lib/links/schemas';

// POST /dashboard/links – create an invite link for a published notice.
export const createLinkAction = withMember('links.create', createLinkSchema, (input, ctx, tx) => createLink(tx, ctx, input), {
  after: () => revalidatePath('/dashboard/links'),
});

// POST /dashboard/links – revoke an invite link of the member's tenant.
export const revokeLinkAction = withMember('links.revoke', revokeLinkSchema, (input, ctx, tx) => revokeLink(tx, ctx, input.linkId), {
  after: () => revalidatePath('/dashboard/links'),
});

// POST /dashboard/links – the first link with sensible defaults (label "Allgemein", no expiry, no limit), then show it.
export const createFirstLinkAction = withMember(
  'links.create',
  z.object({ noticeId: z.uuid('links.fieldErrors.noticeRequired') }),
  async (input, ctx, tx) => {
    const t = await getTranslations('links.firstLink');
    return createLink(tx, ctx, { noticeId: input.noticeId, label: t('defaultLabel'), expiresAt: null, maxUses: null, prefillName: null, prefillPhone: null });
  },
  {
    after: (link) => {
      revalidatePath('/dashboard/links');
      revalidatePath('/dashboard');
      redirect(`/dashboard/links/${link.id}?created=1`);
    },
  },
);
