import { Button, Heading, Link, Text } from '@react-email/components';
import { MailLayout, buttonStyle } from './layout';

export type ActionMailProps = {
  lang: 'de' | 'en';
  url: string;
  t: { subject: string; heading: string; intro: string; button: string; fallback: string; note: string; footer: string };
};

/** The shape of every "click this link" mail: heading, intro, button, the link spelled out, a closing note. */
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
