import { createTranslator } from 'next-intl';
import de from '@/messages/de/whatsapp.json';
import en from '@/messages/en/whatsapp.json';
import type { Locale } from '@/lib/i18n/locales';

/**
 * The WhatsApp channel's own strings (messages/<locale>/whatsapp.json, German first): replies sent to contacts, the
 * simulator page, the review list. A translator of their own, so the channel needs no edit of the shared catalogue.
 */
export function whatsappTexts(locale: Locale) {
  return createTranslator({ locale, messages: { whatsapp: locale === 'en' ? en : de }, namespace: 'whatsapp' });
}
