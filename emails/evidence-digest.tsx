import { Heading, Section, Text } from '@react-email/components';
import { MailLayout } from './components/layout';

export type EvidenceDigestProps = {
  lang: 'de' | 'en';
  t: { subject: string; heading: string; intro: string; rows: [string, string][]; attached: string; footer: string };
};

/** Hourly or daily digest of decisions to the company's evidence address; PDF (one receipt per decision) and CSV attached. */
export default function EvidenceDigestEmail({ lang, t }: EvidenceDigestProps) {
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
    </MailLayout>
  );
}

EvidenceDigestEmail.PreviewProps = {
  lang: 'de',
  t: {
    subject: 'Sammelnachweis: 214 Entscheidungen – Musterbetrieb GmbH',
    heading: 'Sammelnachweis',
    intro: 'Im Nachweis-Protokoll von Musterbetrieb GmbH wurden vom 23.11.2026, 00:00:04 MEZ bis 24.11.2026, 00:00:03 MEZ folgende Entscheidungen gespeichert.',
    rows: [
      ['Einwilligung erteilt', '180'],
      ['Einwilligung abgelehnt', '22'],
      ['Einwilligung widerrufen', '12'],
    ],
    attached: 'Jede Entscheidung mit ihrem Nachweis steht im angehängten PDF, alle zusammen in der CSV-Tabelle.',
    footer: 'Einwilligung – Nachweise für WhatsApp-Einwilligungen',
  },
} satisfies EvidenceDigestProps;
