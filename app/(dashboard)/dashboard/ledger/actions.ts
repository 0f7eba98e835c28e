'use server';

import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { retryOnIdempotencyRace } from '@/lib/consent/append-event';
import { memberAction } from '@/lib/auth/action';
import { verifyChain } from '@/lib/consent/verify-chain';
import { withdrawConsent } from '@/lib/consent/withdraw';
import { withTenant } from '@/lib/db/with-tenant';
import { requestInfo } from '@/lib/http/request-info';
import { LOCALES } from '@/lib/i18n/locales';
import { resendMail } from '@/lib/mail/event-mails';
import { kickMailWorker } from '@/lib/mail/worker';

// POST /dashboard/ledger – recompute every hash of the tenant's chain and report the first break.
export const verifyChainAction = memberAction('ledger.verify', z.object({}), async (_input, ctx) => {
  return withTenant(ctx.tenantId, async (tx) => {
    const result = await verifyChain(tx, ctx.tenantId);
    await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'ledger.verify', details: { ok: result.ok, events: result.events } });
    return result;
  });
});

// POST /dashboard/ledger/contacts/[id] – withdraw a consent on the contact's request (phone call, letter, "Stopp").
export const withdrawForContactAction = memberAction(
  'contacts.withdraw',
  z.object({ contactId: z.uuid(), idempotencyKey: z.uuid().catch(() => randomUUID()), locale: z.enum(LOCALES).catch('de') }),
  async (input, ctx) => {
    const info = await requestInfo();
    const result = await retryOnIdempotencyRace(() => withTenant(ctx.tenantId, async (tx) => {
      const r = await withdrawConsent(tx, { tenantId: ctx.tenantId, contactId: input.contactId, idempotencyKey: input.idempotencyKey, language: input.locale, ip: info.ip, userAgent: info.userAgent });
      await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'contact.withdraw', targetType: 'contact', targetId: input.contactId, details: { eventId: r.eventId } });
      return r;
    }));
    revalidatePath(`/dashboard/ledger/contacts/${input.contactId}`);
    return result;
  },
);

// POST /dashboard/ledger/contacts/[id] – send an evidence mail again (e.g. after it went dead or the address changed).
export const resendMailAction = memberAction('mail.resend', z.object({ mailId: z.uuid(), contactId: z.uuid() }), async (input, ctx) => {
  const result = await withTenant(ctx.tenantId, (tx) => resendMail(tx, ctx, input.mailId));
  kickMailWorker();
  revalidatePath(`/dashboard/ledger/contacts/${input.contactId}`);
  return result;
});
