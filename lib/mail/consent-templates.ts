import { createElement } from 'react';
import { ActionMail } from '@/emails/components/action-mail';
import EvidenceMail from '@/emails/evidence-mail';
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
    note: t('mail.confirm.ignore'),
    footer: t('mail.footer'),
  };
  return { subject: strings.subject, ...(await renderMail(createElement(ActionMail, { lang: locale, url: p.url, t: strings }))) };
}

/** Receipt mail for one ledger event, to the company's evidence address or to the contact. */
export async function receiptMail(
  locale: Locale,
  p: { audience: 'company' | 'contact'; tenantName: string; eventType: string; occurredAt: Date; contactName: string | null; verifyUrl: string },
) {
  const t = translator(locale);
  const decision = t(`ledger.type_${p.eventType as 'opt_in'}`);
  const when = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' }).format(p.occurredAt);
  const rows: [string, string][] = [
    [t('mail.receipt.decision'), decision],
    [t('mail.receipt.time'), `${when} (Europe/Berlin)`],
  ];
  if (p.audience === 'company') rows.push([t('mail.receipt.contact'), p.contactName ?? t('ledger.anonymous')]);
  const strings = {
    subject: t(p.audience === 'company' ? 'mail.receipt.subjectCompany' : 'mail.receipt.subjectContact', { decision, tenant: p.tenantName }),
    heading: t('mail.receipt.heading'),
    intro: t(p.audience === 'company' ? 'mail.receipt.introCompany' : 'mail.receipt.introContact', { tenant: p.tenantName }),
    rows,
    attached: t('mail.receipt.attached'),
    footer: t('mail.footer'),
  };
  const verify = { label: t('mail.receipt.verify'), url: p.verifyUrl };
  return { subject: strings.subject, ...(await renderMail(createElement(EvidenceMail, { lang: locale, t: strings, verify }))) };
}
