'use server';

import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { isIdempotencyRace } from '@/lib/consent/append-event';
import { verifyChain } from '@/lib/consent/verify-chain';
import { withdrawConsent } from '@/lib/consent/withdraw';
import { requestInfo } from '@/lib/http/request-info';
import { withMember } from '@/lib/http/pipeline';
import { LOCALES } from '@/lib/i18n/locales';
import { resendMail } from '@/lib/mail/event-mails';
import { kickMailWorker } from '@/lib/mail/worker';

// POST /dashboard/ledger – recompute every hash of the tenant's chain and report the first break.
export const verifyChainAction = withMember('ledger.verify', z.object({}), (_input, ctx, tx) => verifyChain(tx, ctx.tenantId), {
  audit: { action: 'ledger.verify', details: (_input, result) => ({ ok: result.ok, events: result.events }) },
});

const withdrawSchema = z.object({ contactId: z.uuid(), idempotencyKey: z.uuid().catch(() => randomUUID()), locale: z.enum(LOCALES).catch('de') });

// POST /dashboard/ledger/contacts/[id] – withdraw a consent on the contact's request (phone call, letter, "Stopp").
export const withdrawForContactAction = withMember(
  'contacts.withdraw',
  withdrawSchema,
  async (input, ctx, tx) => {
    const info = await requestInfo();
    const { contactId, idempotencyKey, locale } = input;
    return withdrawConsent(tx, { tenantId: ctx.tenantId, contactId, idempotencyKey, language: locale, ip: info.ip, userAgent: info.userAgent });
  },
  {
    audit: { action: 'contact.withdraw', target: (input) => ({ type: 'contact', id: input.contactId }), details: (_input, r) => ({ eventId: r.eventId }) },
    retryOnce: isIdempotencyRace,
    after: (_result, input) => revalidatePath(`/dashboard/ledger/contacts/${input.contactId}`),
  },
);

// POST /dashboard/ledger/contacts/[id] – send an evidence mail again (e.g. after it went dead or the address changed).
export const resendMailAction = withMember('mail.resend', z.object({ mailId: z.uuid(), contactId: z.uuid() }), (input, ctx, tx) => resendMail(tx, ctx, input.mailId), {
  after: (_result, input) => {
    kickMailWorker();
    revalidatePath(`/dashboard/ledger/contacts/${input.contactId}`);
  },
});
