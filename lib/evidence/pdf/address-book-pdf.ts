import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { createElement, type ReactElement } from 'react';
import type { CheckPdfData } from '@/lib/address-book/check-data';
import type { RemovalRow } from '@/lib/address-book/types';
import type { Locale } from '@/lib/i18n/locales';
import { AddressBookCheckDocument, RemovalListDocument } from './address-book';
import { preparePdfFonts } from './fonts';

const asDocument = (el: ReactElement) => el as ReactElement<DocumentProps>;

/** The DPO's one-page address-book check, on the calling thread (one page, a person waits for it). */
export async function renderAddressBookCheckPdf(data: CheckPdfData, locale: Locale): Promise<Buffer> {
  await preparePdfFonts();
  return renderToBuffer(asDocument(createElement(AddressBookCheckDocument, { data, locale })));
}

/** The printable removal list of an import. */
export async function renderRemovalListPdf(rows: RemovalRow[], company: string, locale: Locale, generatedAt = new Date()): Promise<Buffer> {
  await preparePdfFonts();
  return renderToBuffer(asDocument(createElement(RemovalListDocument, { rows, company, generatedAt, locale })));
}
