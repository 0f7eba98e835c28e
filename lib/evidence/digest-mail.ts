import { createElement } from 'react';
import EvidenceMail from '@/emails/evidence-mail';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { renderMail } from '@/lib/mail/render';
import { DIGEST_TYPES, type DigestData } from './digest-data';

const berlin = (locale: Locale) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' });

/** Subject and body of a digest mail: the period and how many decisions of each type; the files carry the rest. */
export async function digestMail(locale: Locale, data: DigestData) {
  const t = translator(locale);
  const tenant = data.controller.name;
  const f = berlin(locale);
  const count = data.entries.length;
  const rows: [string, string][] = DIGEST_TYPES.map((type) => [t(`ledger.type_${type}`), String(data.entries.filter((e) => e.event.type === type).length)]);
  const strings = {
    subject: t('evidence.digestMail.subject', { count, tenant }),
    heading: t('evidence.digestMail.heading'),
    intro: t('evidence.digestMail.intro', { tenant, from: f.format(data.digest.periodStart), to: f.format(data.digest.periodEnd) }),
    rows: rows.filter(([, n]) => n !== '0'),
    attached: t('evidence.digestMail.attached'),
    footer: t('mail.footer'),
  };
  return { subject: strings.subject, ...(await renderMail(createElement(EvidenceMail, { lang: locale, t: strings }))) };
}
