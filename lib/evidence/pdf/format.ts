import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';

/** The translator the PDF components use (namespace "evidence" of messages/<locale>/evidence.json). */
export type PdfT = ReturnType<typeof translator>;

const berlin = new Map<Locale, Intl.DateTimeFormat>();

/** Wall-clock time in Germany with its zone (MEZ/MESZ, CET/CEST), as the company reads it. */
export function formatBerlin(d: Date, locale: Locale): string {
  let f = berlin.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    });
    berlin.set(locale, f);
  }
  return f.format(d);
}

/** The instant exactly as the ledger hashes it (ISO 8601, UTC). */
export function formatUtc(d: Date): string {
  return d.toISOString();
}

/** A YYYY-MM-DD calendar day in the reader's format. */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-');
  return locale === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

/** A count with the reader's digit grouping (10.000 / 10,000). */
export function formatCount(n: number, locale: Locale): string {
  return n.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB');
}
