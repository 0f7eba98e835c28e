import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { HistoryData, ReceiptData, ReportData } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { ContactHistoryDocument } from './contact-history';
import { measuredFitter } from './fit-text';
import { preparePdfFonts } from './fonts';
import { LedgerReportDocument, loadReportRows, TABLE_FONT_SIZE } from './ledger-report';
import { ReceiptDocument } from './receipt';

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

// One report at a time per process: a 10,000-row report holds ~0.8 GB while it renders (bench/pdf.ts).
let reportQueue: Promise<unknown> = Promise.resolve();

/**
 * The ledger report PDF of a date range; reads `data.rows` to the end first (call it inside the gathering `tx`).
 * Reports of one process render one after another.
 */
export async function renderLedgerReportPdf(data: ReportData, locale: Locale): Promise<Buffer> {
  const run = reportQueue.then(async () => {
    await preparePdfFonts();
    const [{ rows, total }, fit] = [await loadReportRows(data.rows), await measuredFitter(TABLE_FONT_SIZE)];
    return renderToBuffer(asDocument(createElement(LedgerReportDocument, { data, rows, total, locale, fit })));
  });
  reportQueue = run.catch(() => undefined);
  return run;
}
