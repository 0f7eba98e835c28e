import { CONTACT_MAIL, EVIDENCE_MAIL } from '@/lib/consent/enqueue-evidence';
import { withTenant } from '@/lib/db/with-tenant';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import type { Composer } from '@/lib/mail/compose';
import { receiptMail } from '@/lib/mail/consent-templates';
import { renderReceiptPdf } from './render';

function receiptComposer(audience: 'company' | 'contact'): Composer {
  return async (row) => {
    if (!row.tenantId || !row.relatedId) throw new Error(`${row.kind} mail without tenant or event`);
    const data = await withTenant(row.tenantId, (tx) => gatherReceipt(tx, row.tenantId!, row.relatedId!, { queuedAt: row.createdAt }));
    const locale = data.event.language;
    const pdf = await renderReceiptPdf(data, locale);
    const mail = await receiptMail(locale, {
      audience,
      tenantName: data.controller.name,
      eventType: data.event.type,
      occurredAt: data.event.occurredAt,
      contactName: data.contact?.name ?? null,
      verifyUrl: data.verifyUrl,
    });
    const filename = `${locale === 'en' ? 'receipt' : 'nachweis'}-${data.event.seq}-${data.event.type}.pdf`;
    return { ...mail, attachments: [{ filename, contentType: 'application/pdf', contentBase64: pdf.toString('base64') }] };
  };
}

/** The deferred mail kinds whose content is rendered at send time, wired into the worker at server start. */
export const mailComposers: Record<string, Composer> = {
  [EVIDENCE_MAIL]: receiptComposer('company'),
  [CONTACT_MAIL]: receiptComposer('contact'),
};
