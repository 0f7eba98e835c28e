import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { PDFDocument } from 'pdf-lib';
import { createElement, type ReactElement } from 'react';
import type { DigestData } from '@/lib/evidence/digest-data';
import type { Locale } from '@/lib/i18n/locales';
import { DigestDocument } from './digest';
import { preparePdfFonts } from './fonts';

/** Decisions per separately rendered part (≈ 10 pages): bounds react-pdf's layout memory as PAGES_PER_PART does. */
export const ENTRIES_PER_PART = 100;

/**
 * The digest PDF, rendered in parts of ENTRIES_PER_PART decisions and joined with pdf-lib (as the ledger report is).
 * Both steps are deterministic: react-pdf with a fixed creationDate, pdf-lib without touching the metadata.
 */
export async function renderDigestInParts(data: DigestData, locale: Locale, perPart = ENTRIES_PER_PART): Promise<Buffer> {
  await preparePdfFonts();
  const n = data.entries.length;
  const renderPart = (from: number, to: number) => renderToBuffer(createElement(DigestDocument, { data, locale, part: { from, to } }) as ReactElement<DocumentProps>);
  const first = await renderPart(0, Math.min(n, perPart));
  if (n <= perPart) return first;
  const merged = await PDFDocument.load(first, { updateMetadata: false });
  for (let from = perPart; from < n; from += perPart) {
    const part = await PDFDocument.load(await renderPart(from, Math.min(n, from + perPart)), { updateMetadata: false });
    for (const page of await merged.copyPages(part, part.getPageIndices())) merged.addPage(page);
  }
  return Buffer.from(await merged.save({ updateFieldAppearances: false }));
}
