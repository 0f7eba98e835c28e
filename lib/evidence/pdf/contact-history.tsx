import { Document, Page, Text, View } from '@react-pdf/renderer';
import type { HistoryData } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { formatBerlin } from './format';
import { ContactBlock, ControllerBlock, EventFields, Footer, HashFields, NoticeBlock, Section } from './parts';
import { s } from './styles';

/** A contact's whole history: every event with all its recorded fields, and each notice version shown in full. */
export function ContactHistoryDocument({ data, locale }: { data: HistoryData; locale: Locale }) {
  const t = translator(locale);
  const company = data.controller.legalName ?? data.controller.name;
  const title = t('evidence.history.title');
  return (
    <Document title={`${title} – ${company}`} author={company} subject={data.contactId} language={locale} creator="Einwilligung" producer="Einwilligung">
      <Page size="A4" style={s.page}>
        <Text style={s.title}>{title}</Text>
        <Text style={s.subtitle}>
          {company} · {t('evidence.common.generatedAt', { date: formatBerlin(data.generatedAt, locale) })}
        </Text>

        <ControllerBlock c={data.controller} t={t} />
        <ContactBlock contact={data.contact} contactId={data.contactId} t={t} />

        <Section title={t('evidence.history.events')}>
          {data.events.length === 0 && <Text>{t('evidence.history.noEvents')}</Text>}
          {data.events.map((e) => (
            <View key={e.id} style={{ marginBottom: 8 }} wrap={false}>
              <Text style={s.h3}>
                #{e.seq} · {t(`evidence.type.${e.type}`)}
              </Text>
              <EventFields e={e} t={t} locale={locale} />
              <HashFields e={e} t={t} />
            </View>
          ))}
          <Text style={[s.muted, s.para]}>{t('evidence.history.verifyLine', { url: data.verifyBaseUrl })}</Text>
        </Section>

        {data.notices.length > 0 && (
          <Section title={t('evidence.history.notices')}>
            {data.notices.map((n) => (
              <NoticeBlock key={n.id} n={n} t={t} />
            ))}
          </Section>
        )}
        <Footer left={`${title} · ${company}`} t={t} />
      </Page>
    </Document>
  );
}
