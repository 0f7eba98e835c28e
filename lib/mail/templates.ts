import { createElement } from 'react';
import { ActionMail } from '@/emails/components/action-mail';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { renderMail } from './render';

type Rendered = { subject: string; html: string; text: string };

export async function magicLinkMail(locale: Locale, url: string): Promise<Rendered> {
  const t = translator(locale);
  const strings = {
    subject: t('mail.magicLink.subject'),
    heading: t('mail.magicLink.heading'),
    intro: t('mail.magicLink.intro'),
    button: t('mail.magicLink.button'),
    fallback: t('mail.fallback'),
    note: t('mail.magicLink.ignore'),
    footer: t('mail.footer'),
  };
  return { subject: strings.subject, ...(await renderMail(createElement(ActionMail, { lang: locale, url, t: strings }))) };
}

export async function memberInvitationMail(
  locale: Locale,
  p: { url: string; tenantName: string; inviter: string; role: string },
): Promise<Rendered> {
  const t = translator(locale);
  const role = t(`roles.${p.role as 'owner'}`);
  const strings = {
    subject: t('mail.invitation.subject', { tenant: p.tenantName }),
    heading: t('mail.invitation.heading'),
    intro: t('mail.invitation.intro', { inviter: p.inviter, tenant: p.tenantName, role }),
    button: t('mail.invitation.button'),
    fallback: t('mail.fallback'),
    note: t('mail.invitation.expires'),
    footer: t('mail.footer'),
  };
  return { subject: strings.subject, ...(await renderMail(createElement(ActionMail, { lang: locale, url: p.url, t: strings }))) };
}
