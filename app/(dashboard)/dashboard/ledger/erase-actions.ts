'use server';

import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { isIdempotencyRace } from '@/lib/consent/append-event';
import { eraseContacts } from '@/lib/consent/erase';
import { requestInfo } from '@/lib/http/request-info';
import { withMember } from '@/lib/http/pipeline';
import { LOCALES } from '@/lib/i18n/locales';
import { cleanString } from '@/lib/validation';

const eraseSchema = z.object({
  contactId: z.uuid(),
  idempotencyKey: z.uuid().catch(() => randomUUID()),
  locale: z.enum(LOCALES).catch('de'),
  // Free text of the DPO: stored in the audit row (never logged). The form asks for no personal data in it.
  reason: cleanString({ multiline: true }).trim().min(3, 'tooShort').max(500, 'tooLong'),
  sameData: z.preprocess((v) => v === 'on' || v === '1' || v === 'true', z.boolean()),
});

// POST /dashboard/ledger/contacts/[id] – erase the contact's personal data (GDPR Art. 17), with a reason; optionally
// also the tenant's other contacts with exactly the same number or e-mail. One transaction, one audit row.
export const eraseContactAction = withMember(
  'contacts.erase',
  eraseSchema,
  async (input, ctx, tx) => {
    const info = await requestInfo();
    const { contactId, idempotencyKey, locale, sameData } = input;
    return eraseContacts(tx, { tenantId: ctx.tenantId, contactId, idempotencyKey, language: locale, ip: info.ip, userAgent: info.userAgent, sameData });
  },
  {
    audit: {
      action: 'contact.erase',
      target: (input) => ({ type: 'contact', id: input.contactId }),
      details: (input, r) => ({ reason: input.reason, sameData: input.sameData, contacts: r.contactIds, events: r.eventIds, appended: r.appended }),
    },
    retryOnce: isIdempotencyRace,
    after: (result) => {
      for (const id of result.contactIds) revalidatePath(`/dashboard/ledger/contacts/${id}`);
    },
  },
);
