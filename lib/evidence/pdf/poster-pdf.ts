import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { Locale } from '@/lib/i18n/locales';
import type { PosterData, PosterSize } from '@/lib/links/poster-data';
import { preparePdfFonts } from './fonts';
import { PosterDocument } from './poster';

/** The counter poster PDF of an invite link, rendered on the calling thread (one page, a person waits for it). */
export async function renderPosterPdf(data: PosterData, size: PosterSize, locale: Locale): Promise<Buffer> {
  await preparePdfFonts();
  return renderToBuffer(createElement(PosterDocument, { data, size, locale }) as ReactElement<DocumentProps>);
}
