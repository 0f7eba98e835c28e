import { createTranslator } from 'next-intl';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import type { Locale } from './locales';

export type Messages = typeof de;

export function messagesFor(locale: Locale): Messages {
  return locale === 'en' ? (en as Messages) : de;
}

/** A translator outside React (mail, PDFs, route handlers). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) });
}
