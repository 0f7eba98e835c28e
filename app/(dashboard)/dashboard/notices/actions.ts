'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { withMember } from '@/lib/http/pipeline';
import { createNotice } from '@/lib/notices/create-notice';
import { publishVersion } from '@/lib/notices/publish-version';
import { saveDraft } from '@/lib/notices/save-draft';
import { createNoticeSchema, publishVersionSchema, saveDraftSchema } from '@/lib/notices/schemas';

// POST /dashboard/notices – create a notice with its first draft, then open it.
export const createNoticeAction = withMember('notices.edit', createNoticeSchema, (input, ctx, tx) => createNotice(tx, ctx, input), {
  after: ({ id }, input) => {
    revalidatePath('/dashboard/notices');
    redirect(`/dashboard/notices/${id}?lang=${input.language}`);
  },
});

// POST /dashboard/notices/[noticeId] – save the draft in one language (a new version after a published one).
export const saveDraftAction = withMember('notices.edit', saveDraftSchema, (input, ctx, tx) => saveDraft(tx, ctx, input), {
  after: (_saved, input) => {
    revalidatePath(`/dashboard/notices/${input.noticeId}`);
    revalidatePath('/dashboard/notices');
  },
});

// POST /dashboard/notices/[noticeId] – publish a draft version; it can never be changed afterwards.
export const publishVersionAction = withMember('notices.publish', publishVersionSchema, (input, ctx, tx) => publishVersion(tx, ctx, input), {
  after: (published, input) => {
    revalidatePath('/dashboard/notices');
    redirect(`/dashboard/notices/${input.noticeId}?lang=${published.language}&published=${published.version}`);
  },
});
