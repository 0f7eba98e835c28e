import { translator } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';

/** A translator over full message paths ("consent.question"), as the public pages use it. */
export type PublicT = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

/** What every public page component needs: its language, translations and date format. */
export type PublicI18n = { locale: Locale; t: PublicT; dateTime: (d: Date) => string };

const memo = new Map<Locale, PublicI18n>();

/** The (memoised) translations of one language; German first, English the other. */
export function publicI18n(locale: Locale): PublicI18n {
  let v = memo.get(locale);
  if (!v) {
    const raw = translator(locale) as unknown as { (key: string, values?: Record<string, string | number>): string; has: (key: string) => boolean };
    const t = ((key: string, values?: Record<string, string | number>) => raw(key, values)) as PublicT;
    t.has = (key: string) => raw.has(key);
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
    v = { locale, t, dateTime: (d) => format.format(d) };
    memo.set(locale, v);
  }
  return v;
}

/** A domain error's message: a plain code lives under "errors", a dotted one is a full path; unknown → unexpected. */
export function errorText(t: PublicT, code: string): string {
  const key = code.includes('.') ? code : `errors.${code}`;
  return t.has(key) ? t(key) : t('errors.unexpected');
}

/** A field error's message: a plain code lives under "fieldErrors", a dotted one is a full path; unknown → invalid. */
export function fieldErrorText(t: PublicT, code: string): string {
  const key = code.includes('.') ? code : `fieldErrors.${code}`;
  return t.has(key) ? t(key) : t('fieldErrors.invalid');
}
