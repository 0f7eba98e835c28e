import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { AccessData } from '@/lib/evidence/access-data';
import type { Locale } from '@/lib/i18n/locales';
import { AccessDocument } from './access';
import { preparePdfFonts } from './fonts';

/**
 * The access PDF (GDPR Art. 15) of one contact, on the calling thread like the other downloads a person waits for
 * (receipt, history: render.ts); a contact has a handful of events, not a queue's worth.
 */
export async function renderAccessPdf(data: AccessData, locale: Locale): Promise<Buffer> {
  await preparePdfFonts();
  return renderToBuffer(createElement(AccessDocument, { data, locale }) as ReactElement<DocumentProps>);
}
