import type { ReceiptData } from './types';

/**
 * File name of an event's receipt, e.g. nachweis-42-opt_in.pdf; an event not sealed yet has no number in the log:
 * the start of its id stands in (nachweis-0b5c1f2e-opt_in.pdf).
 */
export function receiptFilename(data: ReceiptData, ext: 'pdf' | 'json'): string {
  const word = data.event.language === 'en' ? 'receipt' : 'nachweis';
  return `${word}-${data.event.seq ?? data.event.id.slice(0, 8)}-${data.event.type}.${ext}`;
}
