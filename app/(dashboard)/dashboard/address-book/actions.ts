'use server';

import { redirect } from 'next/navigation';
import { createImportInvites } from '@/lib/address-book/create-invites';
import { finishImport } from '@/lib/address-book/finish-import';
import { loadImport } from '@/lib/address-book/load-import';
import { importIdSchema, invitesSchema } from '@/lib/address-book/schemas';
import { formObject } from '@/lib/auth/action';
import { requireMember } from '@/lib/auth/member-context';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';

const BASE = '/dashboard/address-book';

// POST /dashboard/address-book/<import> – personal invite links for every "not asked yet" card (works without JS).
export async function createInvitesAction(formData: FormData): Promise<void> {
  const ctx = await requireMember('addressBook.use');
  const id = importIdSchema.safeParse(formData.get('importId'));
  if (!id.success) redirect(`${BASE}?error=importGone`);
  const input = invitesSchema.safeParse(formObject(formData));
  if (!input.success) redirect(`${BASE}/${id.data}?list=unknown&error=validation`);
  let outcome: string;
  try {
    const created = await withTenant(ctx.tenantId, async (tx) => {
      const imp = await loadImport(tx, ctx, id.data);
      if (!imp) throw new DomainError('addressBook.importGone', 404);
      return createImportInvites(tx, ctx, imp, input.data);
    });
    outcome = `created=${created}`;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    outcome = `error=${encodeURIComponent(err.code)}`;
  }
  redirect(`${BASE}/${id.data}?list=unknown&${outcome}`);
}

// POST /dashboard/address-book/<import> – "finish": delete the import now, keep the check's counts and hashes.
export async function finishImportAction(formData: FormData): Promise<void> {
  const ctx = await requireMember('addressBook.use');
  const id = importIdSchema.safeParse(formData.get('importId'));
  if (!id.success) redirect(`${BASE}?error=importGone`);
  try {
    await withTenant(ctx.tenantId, (tx) => finishImport(tx, ctx, id.data));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
  }
  redirect(`${BASE}/${id.data}`);
}
