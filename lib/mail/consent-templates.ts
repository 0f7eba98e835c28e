import { createElement } from 'react';
import ConfirmConsentEmail from '@/emails/confirm-consent';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { renderMail } from './render';

/** Double opt-in confirmation mail to the contact. */
export async function confirmConsentMail(locale: Locale, p: { tenantName: string; url: string }) {
  const t = translator(locale);
  const strings = {
    subject: t('mail.confirm.subject'),
    heading: t('mail.confirm.heading'),
    intro: t('mail.confirm.intro', { tenant: p.tenantName }),
    button: t('mail.confirm.button'),
    fallback: t('mail.fallback'),
    ignore: t('mail.confirm.ignore'),
    footer: t('mail.footer'),
  };
  return { subject: strings.subject, ...(await renderMail(createElement(ConfirmConsentEmail, { lang: locale, url: p.url, t: strings }))) };
}
