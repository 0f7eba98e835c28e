import { CONTACT_MAIL, EVIDENCE_MAIL } from '@/lib/consent/enqueue-evidence';
import { withTenant } from '@/lib/db/with-tenant';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import type { Composer } from '@/lib/mail/compose';
import { receiptMail } from '@/lib/mail/consent-templates';
import { DIGEST_MAIL } from '@/lib/evidence/digest';
import { digestCsv, gatherDigest } from '@/lib/evidence/digest-data';
import { digestMail } from '@/lib/evidence/digest-mail';
import { renderDigestPdf, renderReceiptPdfInWorker } from './render';

function receiptComposer(audience: 'company' | 'contact'): Composer {
  return async (row) => {
    if (!row.tenantId || !row.relatedId) throw new Error(`${row.kind} mail without tenant or event`);
    const data = await withTenant(row.tenantId, (tx) => gatherReceipt(tx, row.tenantId!, row.relatedId!, { queuedAt: row.createdAt }));
    const locale = data.event.language;
    // In the render thread: a queue of thousands of receipts draining must not hold the web process's event loop.
    const pdf = await renderReceiptPdfInWorker(data, locale);
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

/**
 * The digest mail: PDF (a compact receipt per decision) and CSV, rendered in the render thread from the digest row
 * alone, so every attempt composes the same bytes (a re-send reuses the idempotency key). In German: the digest goes
 * to the company, whose contacts may have used either language.
 */
const digestComposer: Composer = async (row) => {
  if (!row.tenantId || !row.relatedId) throw new Error(`${row.kind} mail without tenant or digest`);
  const data = await withTenant(row.tenantId, (tx) => gatherDigest(tx, row.tenantId!, row.relatedId!));
  const locale = 'de';
  const [pdf, mail] = await Promise.all([renderDigestPdf(data, locale), digestMail(locale, data)]);
  const name = `sammelnachweis-${data.digest.fromSeq}-${data.digest.toSeq}`;
  return {
    ...mail,
    attachments: [
      { filename: `${name}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
      { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', contentBase64: Buffer.from(digestCsv(data.entries), 'utf8').toString('base64') },
    ],
  };
};

/** The deferred mail kinds whose content is rendered at send time, wired into the worker at server start. */
export const mailComposers: Record<string, Composer> = {
  [EVIDENCE_MAIL]: receiptComposer('company'),
  [CONTACT_MAIL]: receiptComposer('contact'),
  [DIGEST_MAIL]: digestComposer,
};
