import 'server-only';
import { withTenant } from '@/lib/db/with-tenant';
import type { Locale } from '@/lib/i18n/locales';
import type { ComposedMail, Composer } from '@/lib/mail/compose-types';
import { receiptMail } from '@/lib/mail/consent-templates';
import { digestCsv, gatherDigest } from './digest-data';
import { digestMail } from './digest-mail';
import { renderDigestPdf, renderReceiptPdfInWorker } from './pdf/render';
import { gatherReceipt } from './receipt-data';
import { receiptFilename } from './receipt-files';
import { buildConsentReceipt } from './receipt-json';

const pdfAttachment = (filename: string, pdf: Buffer) => ({ filename, contentType: 'application/pdf', contentBase64: pdf.toString('base64') });

/**
 * The receipt mail of one ledger event (to the company's evidence address or the contact's copy), composed at send
 * time: the consent transaction only writes the outbox row, the worker gathers the data and renders the PDF. The mail
 * is released only once its event is sealed (lib/ledger/sequencer.ts), so the PDF and the receipt JSON beside it carry
 * the inclusion proof and the signed checkpoint (`npm run verify -- receipt.json`).
 */
export function composeReceiptMail(audience: 'company' | 'contact'): Composer {
  return async (row): Promise<ComposedMail> => {
    if (!row.tenantId || !row.relatedId) throw new Error(`${row.kind} mail without tenant or event`);
    const data = await withTenant(row.tenantId, (tx) => gatherReceipt(tx, row.tenantId!, row.relatedId!, { queuedAt: row.createdAt }));
    const locale: Locale = data.event.language;
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
    const json = Buffer.from(JSON.stringify(buildConsentReceipt(data), null, 2), 'utf8');
    return {
      ...mail,
      attachments: [
        pdfAttachment(receiptFilename(data, 'pdf'), pdf),
        { filename: receiptFilename(data, 'json'), contentType: 'application/json; charset=utf-8', contentBase64: json.toString('base64') },
      ],
    };
  };
}

/**
 * The digest mail: PDF (a compact receipt per decision) and CSV, rendered in the render thread from the digest row
 * alone, so every attempt composes the same bytes (a re-send reuses the idempotency key). In German: the digest goes
 * to the company, whose contacts may have used either language.
 */
export const composeDigestMail: Composer = async (row) => {
  if (!row.tenantId || !row.relatedId) throw new Error(`${row.kind} mail without tenant or digest`);
  const data = await withTenant(row.tenantId, (tx) => gatherDigest(tx, row.tenantId!, row.relatedId!));
  const locale = 'de';
  const [pdf, mail] = await Promise.all([renderDigestPdf(data, locale), digestMail(locale, data)]);
  const name = `sammelnachweis-${data.digest.fromSeq}-${data.digest.toSeq}`;
  return {
    ...mail,
    attachments: [
      pdfAttachment(`${name}.pdf`, pdf),
      { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', contentBase64: Buffer.from(digestCsv(data.entries), 'utf8').toString('base64') },
    ],
  };
};
