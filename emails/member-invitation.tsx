import { Button, Heading, Link, Text } from '@react-email/components';
import { MailLayout, buttonStyle } from './components/layout';

export type MemberInvitationProps = {
  lang: 'de' | 'en';
  url: string;
  t: { subject: string; heading: string; intro: string; button: string; fallback: string; expires: string; footer: string };
};

/** Invitation of a team member into a tenant. */
export default function MemberInvitationEmail({ lang, url, t }: MemberInvitationProps) {
  return (
    <MailLayout lang={lang} preview={t.subject} footer={t.footer}>
      <Heading as="h1" style={{ fontSize: '20px' }}>{t.heading}</Heading>
      <Text>{t.intro}</Text>
      <Button href={url} style={buttonStyle}>{t.button}</Button>
      <Text style={{ fontSize: '13px' }}>
        {t.fallback} <Link href={url}>{url}</Link>
      </Text>
      <Text style={{ fontSize: '13px', color: '#6b7280' }}>{t.expires}</Text>
    </MailLayout>
  );
}

MemberInvitationEmail.PreviewProps = {
  lang: 'de',
  url: 'http://localhost:3000/invite/preview',
  t: {
    subject: 'Einladung zu Musterbetrieb GmbH',
    heading: 'Sie wurden eingeladen',
    intro: 'owner@example.com lädt Sie als Vertrieb zu Musterbetrieb GmbH ein.',
    button: 'Einladung annehmen',
    fallback: 'Oder öffnen Sie diesen Link:',
    expires: 'Die Einladung ist 7 Tage gültig.',
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies MemberInvitationProps;
