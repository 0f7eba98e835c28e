import { Document, Page, Text, View } from '@react-pdf/renderer';
import type { AccessData } from '@/lib/evidence/access-data';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { formatBerlin } from './format';
import { ControllerBlock, EventFields, Field, Footer, HashFields, NoticeBlock, Section } from './parts';
import { s } from './styles';

/** The data subject's copy (GDPR Art. 15): identity versions, every event with its hashes, notices, recipients. */
export function AccessDocument({ data, locale }: { data: AccessData; locale: Locale }) {
  const t = translator(locale);
  const company = data.controller.legalName ?? data.controller.name;
  const title = t('privacy.access.title');
  const none = <Text style={s.para}>{t('privacy.access.none')}</Text>;
  return (
    <Document title={`${title} – ${company}`} author={company} subject={data.contactId} language={locale} creator="Einwilligung" producer="Einwilligung">
      <Page size="A4" style={s.page}>
        <Text style={s.title}>{title}</Text>
        <Text style={s.subtitle}>
          {company} · {t('privacy.access.generated', { date: formatBerlin(data.generatedAt, locale) })}
        </Text>
        <ControllerBlock c={data.controller} t={t} />
        <Section title={t('privacy.access.subject')}>
          <Field label={t('evidence.common.contactId')} value={data.contactId} mono />
          <Field label={t('evidence.common.status')} value={t(`evidence.common.statuses.${data.status.status as 'opted_in'}`)} />
        </Section>
        <Section title={t('privacy.access.identities')}>
          {data.identities.length === 0 && none}
          {data.identities.map((i) => (
            <View key={i.id} style={{ marginBottom: 6 }} wrap={false}>
              <Text style={s.h3}>
                {t('privacy.access.identity', { date: formatBerlin(i.createdAt, locale) })}
                {i.erasedAt ? ` · ${t('privacy.access.erased', { date: formatBerlin(i.erasedAt, locale) })}` : ''}
              </Text>
              <Field label={t('privacy.access.name')} value={i.name} />
              <Field label={t('privacy.access.phone')} value={i.phoneE164} />
              <Field label={t('privacy.access.email')} value={i.email} />
            </View>
          ))}
        </Section>
        <Section title={t('privacy.access.events')}>
          {data.events.length === 0 && none}
          {data.events.map((e) => (
            <View key={e.id} style={{ marginBottom: 8 }} wrap={false}>
              <Text style={s.h3}>
                #{e.seq ?? '–'} · {t(`evidence.type.${e.type}`)}
              </Text>
              <EventFields e={e} t={t} locale={locale} />
              <HashFields e={e} t={t} />
            </View>
          ))}
        </Section>
        <Section title={t('privacy.access.recipients')}>
          {data.mails.length + data.whatsappMessages.length === 0 && none}
          {data.mails.map((m, n) => (
            <Field
              key={`m${n}`}
              label={m.audience === 'contact' ? t('privacy.access.mailToYou') : t('privacy.access.mailToCompany', { company })}
              value={`${m.to} · ${m.kind} · ${formatBerlin(m.sentAt ?? m.queuedAt, locale)} · ${m.status}`}
            />
          ))}
          {data.whatsappMessages.map((m, n) => (
            <Field key={`w${n}`} label={t('privacy.access.whatsappToYou')} value={`+${m.to} · ${m.kind} · ${formatBerlin(m.sentAt ?? m.queuedAt, locale)} · ${m.status}`} />
          ))}
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
