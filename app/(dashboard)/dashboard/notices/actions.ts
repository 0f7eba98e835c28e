'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { memberAction } from '@/lib/auth/action';
import { withTenant } from '@/lib/db/with-tenant';
import { createNotice } from '@/lib/notices/create-notice';
import { publishVersion } from '@/lib/notices/publish-version';
import { saveDraft } from '@/lib/notices/save-draft';
import { createNoticeSchema, publishVersionSchema, saveDraftSchema } from '@/lib/notices/schemas';

// POST /dashboard/notices – create a notice with its first draft, then open it.
export const createNoticeAction = memberAction('notices.edit', createNoticeSchema, async (input, ctx) => {
  const { id } = await withTenant(ctx.tenantId, (tx) => createNotice(tx, ctx, input));
  revalidatePath('/dashboard/notices');
  redirect(`/dashboard/notices/${id}?lang=${input.language}`);
});

// POST /dashboard/notices/[noticeId] – save the draft in one language (a new version after a published one).
export const saveDraftAction = memberAction('notices.edit', saveDraftSchema, async (input, ctx) => {
  const saved = await withTenant(ctx.tenantId, (tx) => saveDraft(tx, ctx, input));
  revalidatePath(`/dashboard/notices/${input.noticeId}`);
  revalidatePath('/dashboard/notices');
  return saved;
});

// POST /dashboard/notices/[noticeId] – publish a draft version; it can never be changed afterwards.
export const publishVersionAction = memberAction('notices.publish', publishVersionSchema, async (input, ctx) => {
  const published = await withTenant(ctx.tenantId, (tx) => publishVersion(tx, ctx, input));
  revalidatePath('/dashboard/notices');
  redirect(`/dashboard/notices/${input.noticeId}?lang=${published.language}&published=${published.version}`);
});
