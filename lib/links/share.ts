import { translator } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';

/** The ready-to-send WhatsApp message asking for consent, containing `url`. */
export function shareText(url: string, tenantName: string, locale: Locale): string {
  return translator(locale)('links.shareText', { tenant: tenantName, url });
}

/** A wa.me link that opens WhatsApp with a short, ready-to-send request for consent containing `url`. */
export function whatsappShareUrl(url: string, tenantName: string, locale: Locale): string {
  const text = translator(locale)('links.shareText', { tenant: tenantName, url });
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}
