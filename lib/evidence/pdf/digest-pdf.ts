import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { PDFDocument } from 'pdf-lib';
import { createElement, type ReactElement } from 'react';
import type { DigestData } from '@/lib/evidence/digest-data';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { DigestDocument, digestIntro } from './digest';
import { layoutDigest } from './digest-layout';
import { prepareDigestFonts } from './digest-fonts';

/**
 * Decisions per separately rendered part (≈ 20 pages, whole pages): bounds react-pdf's layout memory as
 * PAGES_PER_PART does for the report.
 */
export const ENTRIES_PER_PART = 200;

/**
 * The digest PDF, laid out into pages first (digest-layout.ts), rendered in parts of whole pages holding at least
 * `perPart` decisions, and joined with pdf-lib (as the ledger report is). Page numbers are static, so the parts
 * number their pages as the whole digest does. Every step is deterministic: react-pdf with a fixed creationDate,
 * pdf-lib without touching the metadata.
 */
export async function renderDigestInParts(data: DigestData, locale: Locale, perPart = ENTRIES_PER_PART): Promise<Buffer> {
  await prepareDigestFonts();
  const t = translator(locale);
  const layout = await layoutDigest(data, t, locale, digestIntro(data, t, locale));
  const parts: { from: number; to: number }[] = [];
  let from = 0;
  let entries = 0;
  layout.pages.forEach((page, i) => {
    entries += page.entries.length;
    if (entries >= perPart || i === layout.pages.length - 1) {
      parts.push({ from, to: i + 1 });
      from = i + 1;
      entries = 0;
    }
  });
  const renderPart = (pages: { from: number; to: number }) =>
    renderToBuffer(createElement(DigestDocument, { data, locale, layout, pages }) as ReactElement<DocumentProps>);
  const first = await renderPart(parts[0]!);
  if (parts.length === 1) return first;
  const merged = await PDFDocument.load(first, { updateMetadata: false });
  for (const part of parts.slice(1)) {
    const doc = await PDFDocument.load(await renderPart(part), { updateMetadata: false });
    for (const page of await merged.copyPages(doc, doc.getPageIndices())) merged.addPage(page);
  }
  return Buffer.from(await merged.save({ updateFieldAppearances: false }));
}
