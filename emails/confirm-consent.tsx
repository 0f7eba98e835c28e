import { Button, Heading, Link, Text } from '@react-email/components';
import { MailLayout, buttonStyle } from './components/layout';

export type ConfirmConsentProps = {
  lang: 'de' | 'en';
  url: string;
  t: { subject: string; heading: string; intro: string; button: string; fallback: string; ignore: string; footer: string };
};

/** Double opt-in: asks the contact to confirm the consent they just gave. */
export default function ConfirmConsentEmail({ lang, url, t }: ConfirmConsentProps) {
  return (
    <MailLayout lang={lang} preview={t.subject} footer={t.footer}>
      <Heading as="h1" style={{ fontSize: '20px' }}>{t.heading}</Heading>
      <Text>{t.intro}</Text>
      <Button href={url} style={buttonStyle}>{t.button}</Button>
      <Text style={{ fontSize: '13px' }}>
        {t.fallback} <Link href={url}>{url}</Link>
      </Text>
      <Text style={{ fontSize: '13px', color: '#6b7280' }}>{t.ignore}</Text>
    </MailLayout>
  );
}

ConfirmConsentEmail.PreviewProps = {
  lang: 'de',
  url: 'http://localhost:3000/c/musterbetrieb/confirm/preview',
  t: {
    subject: 'Bitte bestätigen Sie Ihre Einwilligung',
    heading: 'Einwilligung bestätigen',
    intro: 'Sie haben Musterbetrieb GmbH erlaubt, Sie per WhatsApp zu kontaktieren. Bitte bestätigen Sie das.',
    button: 'Einwilligung bestätigen',
    fallback: 'Oder öffnen Sie diesen Link:',
    ignore: 'Sie waren das nicht? Dann ignorieren Sie diese E-Mail; ohne Bestätigung gilt keine Einwilligung.',
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies ConfirmConsentProps;
