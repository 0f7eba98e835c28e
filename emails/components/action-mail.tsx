import { Button, Heading, Link, Text } from '@react-email/components';
import { MailLayout, buttonStyle } from './layout';

export type ActionMailProps = {
  lang: 'de' | 'en';
  url: string;
  t: { subject: string; heading: string; intro: string; button: string; fallback: string; note: string; footer: string };
};

/**
 * Every "click this link" mail (sign-in link, team invitation, double opt-in confirmation): heading, intro, button,
 * the link spelled out, a closing note. The mails differ only in their strings (messages/*.json, mail.*).
 */
export function ActionMail({ lang, url, t }: ActionMailProps) {
  return (
    <MailLayout lang={lang} preview={t.subject} footer={t.footer}>
      <Heading as="h1" style={{ fontSize: '20px' }}>{t.heading}</Heading>
      <Text>{t.intro}</Text>
      <Button href={url} style={buttonStyle}>{t.button}</Button>
      <Text style={{ fontSize: '13px' }}>
        {t.fallback} <Link href={url}>{url}</Link>
      </Text>
      <Text style={{ fontSize: '13px', color: '#6b7280' }}>{t.note}</Text>
    </MailLayout>
  );
}

ActionMail.PreviewProps = {
  lang: 'de',
  url: 'http://localhost:3000/api/auth/callback/resend?token=preview',
  t: {
    subject: 'Ihr Anmeldelink',
    heading: 'Anmelden bei Einwilligung',
    intro: 'Klicken Sie auf den Button, um sich anzumelden.',
    button: 'Anmelden',
    fallback: 'Oder öffnen Sie diesen Link:',
    note: 'Sie haben keine Anmeldung angefordert? Dann ignorieren Sie diese E-Mail.',
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies ActionMailProps;
