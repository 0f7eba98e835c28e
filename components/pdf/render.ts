import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { HistoryData, ReceiptData, ReportData } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { ContactHistoryDocument } from './contact-history';
import { preparePdfFonts } from './fonts';
import { loadReportRows } from './ledger-report';
import { ReceiptDocument } from './receipt';
import { renderReportInWorker } from './report-thread';

// renderToBuffer is typed for a bare <Document>; our documents are components that return one.
const asDocument = (el: ReactElement) => el as ReactElement<DocumentProps>;

// Rendering lives beside the components rather than in lib/evidence: lib/ must not import components/ (STYLE.md §13).

/** The receipt PDF of one ledger event. */
export async function renderReceiptPdf(data: ReceiptData, locale: Locale): Promise<Buffer> {
  await preparePdfFonts();
  return renderToBuffer(asDocument(createElement(ReceiptDocument, { data, locale })));
}

/** The history PDF of one contact. */
export async function renderContactHistoryPdf(data: HistoryData, locale: Locale): Promise<Buffer> {
  await preparePdfFonts();
  return renderToBuffer(asDocument(createElement(ContactHistoryDocument, { data, locale })));
}

/**
 * The ledger report PDF of a date range; reads `data.rows` to the end first (call it inside the gathering `tx`), then
 * renders in a worker thread (report-thread.ts), so the calling thread stays free for other requests.
 */
export async function renderLedgerReportPdf(data: ReportData, locale: Locale): Promise<Buffer> {
  const { rows, total } = await loadReportRows(data.rows);
  const { rows: _iterator, ...rest } = data;
  return renderReportInWorker({ data: rest, rows, total, locale });
}
