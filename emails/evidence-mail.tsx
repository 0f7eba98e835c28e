import { Heading, Link, Section, Text } from '@react-email/components';
import { MailLayout } from './components/layout';

export type EvidenceMailProps = {
  lang: 'de' | 'en';
  t: { subject: string; heading: string; intro: string; rows: [string, string][]; attached: string; footer: string };
  /** The receipt's verification link (a digest has one per decision in its PDF, none in the mail). */
  verify?: { label: string; url: string };
};

/**
 * An evidence mail with its files attached: the receipt of one ledger event (to the company's evidence address or the
 * contact's own copy) or the hourly/daily digest of decisions (PDF with one receipt per decision, and a CSV).
 */
export default function EvidenceMail({ lang, t, verify }: EvidenceMailProps) {
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
      {verify && (
        <Text style={{ fontSize: '13px' }}>
          {verify.label} <Link href={verify.url}>{verify.url}</Link>
        </Text>
      )}
    </MailLayout>
  );
}

EvidenceMail.PreviewProps = {
  lang: 'de',
  verify: { label: 'Echtheit prüfen:', url: 'http://localhost:3000/verify/0f0e' },
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
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies EvidenceMailProps;
