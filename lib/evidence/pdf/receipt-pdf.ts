import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { ReceiptData } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { preparePdfFonts } from './fonts';
import { proofQrDataUrl } from './proof-qr';
import { ReceiptDocument } from './receipt';

/** The receipt PDF of one ledger event, rendered on the calling thread (render.ts and the render worker use it). */
export async function renderReceiptDirect(data: ReceiptData, locale: Locale): Promise<Buffer> {
  const [, proofQr] = await Promise.all([preparePdfFonts(), data.ledger ? proofQrDataUrl(data.ledger.proof.proof) : undefined]);
  return renderToBuffer(createElement(ReceiptDocument, { data, locale, proofQr }) as ReactElement<DocumentProps>);
}
