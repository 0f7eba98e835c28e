import { Heading, Link, Section, Text } from '@react-email/components';
import { MailLayout } from './components/layout';

export type ConsentReceiptProps = {
  lang: 'de' | 'en';
  verifyUrl: string;
  t: { subject: string; heading: string; intro: string; rows: [string, string][]; attached: string; verify: string; footer: string };
};

/** Receipt of one ledger event (evidence mailbox of the company, or the contact's own copy); the PDF is attached. */
export default function ConsentReceiptEmail({ lang, verifyUrl, t }: ConsentReceiptProps) {
  return (
    <MailLayout lang={lang} preview={t.subject} footer={t.footer}>
      <Heading as="h1" style={{ fontSize: '20px' }}>{t.heading}</Heading>
      <Text>{t.intro}</Text>
      <Section>
        {t.rows.map(([k, v]) => (
          <Text key={k} style={{ margin: '2px 0' }}>
            <strong>{k}:</strong> {v}
          </Text>
        ))}
      </Section>
      <Text>{t.attached}</Text>
      <Text style={{ fontSize: '13px' }}>
        {t.verify} <Link href={verifyUrl}>{verifyUrl}</Link>
      </Text>
    </MailLayout>
  );
}

ConsentReceiptEmail.PreviewProps = {
  lang: 'de',
  verifyUrl: 'http://localhost:3000/verify/0f0e',
  t: {
    subject: 'Nachweis: Einwilligung – Musterbetrieb GmbH',
    heading: 'Nachweis einer Entscheidung',
    intro: 'Im Nachweis-Protokoll von Musterbetrieb GmbH wurde folgende Entscheidung gespeichert.',
    rows: [
      ['Entscheidung', 'Einwilligung'],
      ['Zeitpunkt', '23.11.2026, 14:05:12 (Europe/Berlin)'],
      ['Kontakt', 'Erika Muster'],
    ],
    attached: 'Der vollständige Nachweis ist als PDF angehängt.',
    verify: 'Echtheit prüfen:',
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies ConsentReceiptProps;
