import type { ReceiptData } from './types';

/** File name of an event's receipt, e.g. nachweis-musterbetrieb-42-opt_in.pdf. */
export function receiptFilename(data: ReceiptData, ext: 'pdf' | 'json'): string {
  const word = data.event.language === 'en' ? 'receipt' : 'nachweis';
  return `${word}-${data.event.seq}-${data.event.type}.${ext}`;
}
