import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { PDFDocument } from 'pdf-lib';
import { createElement, type ReactElement } from 'react';
import type { ReportData, ReportRow } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { measuredFitter } from './fit-text';
import { preparePdfFonts } from './fonts';
import { LedgerReportDocument, reportPageCount, TABLE_FONT_SIZE } from './ledger-report';

/** A report's data without its row iterator: what crosses into the render worker. */
export type ReportJob = { data: Omit<ReportData, 'rows'>; rows: ReportRow[]; total: number; locale: Locale };

/**
 * Pages per separately rendered part. react-pdf keeps a whole document's layout (every glyph of every page) until it
 * writes the file, ≈ 80 MB per 1,000 rows; parts of 20 pages (≈ 1,300 rows) keep that bounded however long the report.
 */
export const PAGES_PER_PART = 20;

/**
 * The ledger report PDF, rendered in parts of PAGES_PER_PART pages and joined with pdf-lib. Page numbers are static
 * (the row count fixes the page count), so the parts number their pages as the whole report does. Each part embeds
 * its own subset of the fonts: a 10,000-row report grows by a few hundred KB for that.
 */
export async function renderReportInParts({ data, rows, total, locale }: ReportJob, pagesPerPart = PAGES_PER_PART): Promise<Buffer> {
  await preparePdfFonts();
  const fit = await measuredFitter(TABLE_FONT_SIZE);
  const pages = reportPageCount(rows.length);
  const renderPart = (from: number, to: number) => renderToBuffer(createElement(LedgerReportDocument, { data, rows, total, locale, fit, pageRange: { from, to } }) as ReactElement<DocumentProps>);
  const first = await renderPart(0, Math.min(pages, pagesPerPart));
  if (pages <= pagesPerPart) return first;
  // The first part is the base: it keeps react-pdf's title, language and producer.
  const merged = await PDFDocument.load(first, { updateMetadata: false });
  for (let from = pagesPerPart; from < pages; from += pagesPerPart) {
    const part = await PDFDocument.load(await renderPart(from, Math.min(pages, from + pagesPerPart)), { updateMetadata: false });
    for (const page of await merged.copyPages(part, part.getPageIndices())) merged.addPage(page);
  }
  return Buffer.from(await merged.save({ updateFieldAppearances: false }));
}
