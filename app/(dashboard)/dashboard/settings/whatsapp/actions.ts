'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidatePublicViews } from '@/lib/consent/public-cache';
import { plainForm, withMember } from '@/lib/http/pipeline';
import { connectSchema, disconnectWhatsapp } from '@/lib/whatsapp/connect';
import { setTenantKeywords } from '@/lib/whatsapp/keywords';
import { markReviewed } from '@/lib/whatsapp/review-list';
import { connectFromSettings, testConnection } from '@/lib/whatsapp/settings-connection';

const PAGE = '/dashboard/settings/whatsapp';
const refresh = () => revalidatePath(PAGE);
/** Connecting or disconnecting changes the public pages (e-mail needed under double opt-in or not). */
const refreshAll = (_r: unknown, _i: unknown, ctx: { tenantId: string }) => {
  refresh();
  invalidatePublicViews(ctx.tenantId);
};

// POST /dashboard/settings/whatsapp – connect (or reconnect) the tenant's WhatsApp number; secrets encrypted, never shown again.
export const connectWhatsappAction = withMember(
  'profile.edit',
  connectSchema,
  async (input, ctx, tx) => {
    await connectFromSettings(tx, ctx.tenantId, ctx.userId, input);
    return {};
  },
  { audit: { action: 'whatsapp.connect', details: (i) => ({ phoneNumberId: i.phoneNumberId }) }, after: refreshAll },
);

// POST /dashboard/settings/whatsapp – "test connection": one Graph API request with the stored token.
export const testWhatsappAction = withMember('profile.edit', z.object({}), (_input, ctx, tx) => testConnection(tx, ctx.tenantId), {
  audit: { action: 'whatsapp.test', details: (_i, r) => ({ ok: r.ok }) },
  after: refresh,
});

// POST /dashboard/settings/whatsapp – disconnect the number (inbox, outbox and ledger stay).
export const disconnectWhatsappAction = withMember(
  'profile.edit',
  z.object({}),
  async (_input, ctx, tx) => {
    await disconnectWhatsapp(tx, ctx.tenantId);
    return {};
  },
  { audit: 'whatsapp.disconnect', after: refreshAll },
);

const keywordList = z
  .string()
  .max(2000, 'tooLong')
  .optional()
  .transform((v) => (v ?? '').split(/\r?\n/).map((k) => k.trim()).filter(Boolean).slice(0, 50));

// POST /dashboard/settings/whatsapp – the tenant's keyword lists (empty → the defaults).
export const keywordsAction = withMember(
  'profile.edit',
  z.object({ withdraw: keywordList, start: keywordList }),
  async (input, ctx, tx) => {
    await setTenantKeywords(tx, ctx.tenantId, 'withdraw', input.withdraw);
    await setTenantKeywords(tx, ctx.tenantId, 'start', input.start);
    return {};
  },
  { audit: 'whatsapp.keywords', after: refresh },
);

// POST /dashboard/settings/whatsapp – mark a message to review as done (its text is cleared).
export const reviewedAction = plainForm(
  withMember(
    'profile.edit',
    z.object({ id: z.uuid('invalid') }),
    async (input, ctx, tx) => ({ done: await markReviewed(tx, ctx.tenantId, input.id, ctx.userId) }),
    { audit: { action: 'whatsapp.reviewed', target: (i) => ({ type: 'whatsapp_review', id: i.id }) }, after: refresh },
  ),
);
