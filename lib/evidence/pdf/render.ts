import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { DigestData } from '@/lib/evidence/digest-data';
import type { HistoryData, ReceiptData, ReportData } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { ContactHistoryDocument } from './contact-history';
import { preparePdfFonts } from './fonts';
import { loadReportRows } from './ledger-report';
import { renderInWorker } from './pdf-thread';
import { renderReceiptDirect } from './receipt-pdf';

// renderToBuffer is typed for a bare <Document>; our documents are components that return one.
const asDocument = (el: ReactElement) => el as ReactElement<DocumentProps>;

/**
 * The receipt PDF of one ledger event, on the calling thread: for downloads a person waits for (≈ 50 ms). Queued
 * behind a digest or a long report in the render thread, one download could wait seconds; a mail queue draining
 * thousands of receipts is what must not sit on the web process's event loop, and the composers use the thread.
 */
export function renderReceiptPdf(data: ReceiptData, locale: Locale): Promise<Buffer> {
  return renderReceiptDirect(data, locale);
}

/** The receipt PDF in the render thread (mail composers: throughput work that may wait its turn). */
export function renderReceiptPdfInWorker(data: ReceiptData, locale: Locale): Promise<Buffer> {
  return renderInWorker({ kind: 'receipt', data, locale });
}

/** The digest PDF of many decisions, in the render thread (digest-pdf.ts renders it in parts). */
export function renderDigestPdf(data: DigestData, locale: Locale): Promise<Buffer> {
  return renderInWorker({ kind: 'digest', data, locale });
}

/** The history PDF of one contact. */
export async function renderContactHistoryPdf(data: HistoryData, locale: Locale): Promise<Buffer> {
  await preparePdfFonts();
  return renderToBuffer(asDocument(createElement(ContactHistoryDocument, { data, locale })));
}

/**
 * The ledger report PDF of a date range; reads `data.rows` to the end first (call it inside the gathering `tx`), then
 * renders in a worker thread (pdf-thread.ts), so the calling thread stays free for other requests.
 */
export async function renderLedgerReportPdf(data: ReportData, locale: Locale): Promise<Buffer> {
  const { rows, total } = await loadReportRows(data.rows);
  const { rows: _iterator, ...rest } = data;
  return renderInWorker({ kind: 'report', job: { data: rest, rows, total, locale } });
}
