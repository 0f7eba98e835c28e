import { Document, Page, Text, View } from '@react-pdf/renderer';
import type { CheckPdfData } from '@/lib/address-book/check-data';
import type { RemovalRow } from '@/lib/address-book/types';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { formatBerlin, formatCount, type PdfT } from './format';
import { ControllerBlock, Field, Footer, Section } from './parts';
import { s } from './styles';

/** An event type in the reader's words (the WhatsApp "Stopp" as its own wording). */
export function eventLabel(t: PdfT, type: string, channel?: string | null): string {
  const key = type === 'withdrawn' && channel === 'whatsapp' ? 'whatsapp_stop' : type;
  const full = `addressBook.events.${key}`;
  return t.has(full as never) ? t(full as never) : type;
}

/** The DPO's one-page "address book check": date, counts, notice versions behind the consents, the statement, hashes. */
export function AddressBookCheckDocument({ data, locale }: { data: CheckPdfData; locale: Locale }) {
  const t = translator(locale);
  const c = data.check;
  const company = data.controller.legalName ?? data.controller.name;
  const title = t('addressBook.pdf.checkTitle');
  const n = (v: number) => formatCount(v, locale);
  return (
    <Document title={`${title} – ${company}`} author={company} language={locale} creator="Einwilligung" producer="Einwilligung">
      <Page size="A4" style={s.page}>
        <Text style={s.title}>{title}</Text>
        <Text style={s.subtitle}>
          {company} · {t('evidence.common.generatedAt', { date: formatBerlin(data.generatedAt, locale) })}
        </Text>
        <Text style={s.intro}>{t('addressBook.pdf.checkIntro')}</Text>
        <ControllerBlock c={data.controller} t={t} />
        <Section title={t('addressBook.pdf.counts')}>
          <Field label={t('addressBook.pdf.date')} value={formatBerlin(c.createdAt, locale)} />
          <Field label={t('addressBook.pdf.cards')} value={`${n(c.cards)} (${n(c.skipped)} ${t('addressBook.pdf.skipped')})`} />
          <Field label={t('addressBook.lists.stay')} value={n(c.stay)} />
          <Field label={t('addressBook.lists.go')} value={n(c.go)} />
          <Field label={t('addressBook.lists.unknown')} value={n(c.unknown)} />
          <Field label={t('addressBook.lists.waiting')} value={n(c.waiting)} />
          <Field label={t('addressBook.pdf.invites')} value={n(c.invites)} />
          <Field label={t('addressBook.pdf.closed')} value={c.closedAt ? formatBerlin(c.closedAt, locale) : t('addressBook.pdf.notClosed')} />
        </Section>
        <Section title={t('addressBook.pdf.notices')}>
          {data.notices.length === 0 && <Text>{t('addressBook.pdf.noNotices')}</Text>}
          {data.notices.map((v) => (
            <View key={v.id} style={s.listItem}>
              <Text style={s.bullet}>•</Text>
              <Text style={s.value}>
                {t('addressBook.pdf.noticeLine', {
                  notice: v.notice,
                  title: v.title,
                  version: v.version,
                  language: v.language,
                  published: v.publishedAt ? formatBerlin(v.publishedAt, locale) : '–',
                  cards: n(v.cards),
                })}
              </Text>
            </View>
          ))}
        </Section>
        <View style={s.verifyBox}>
          <Text>{t('addressBook.pdf.statement', { stay: n(c.stay) })}</Text>
        </View>
        <Section title={t('addressBook.pdf.hashes')}>
          <Field label={t('addressBook.pdf.fileHash')} value={c.fileSha256} mono />
          <Field label={t('addressBook.pdf.cleanedHash')} value={c.cleanedSha256} mono />
        </Section>
        <Text style={[s.muted, s.section]}>{t('addressBook.pdf.retention')}</Text>
        <Footer left={`${title} · ${company}`} t={t} />
      </Page>
    </Document>
  );
}

/** The printable removal list: every number that makes a card go, with the event and its date. */
export function RemovalListDocument({ rows, company, generatedAt, locale }: { rows: RemovalRow[]; company: string; generatedAt: Date; locale: Locale }) {
  const t = translator(locale);
  const title = t('addressBook.pdf.removalTitle');
  const col = { name: { width: '34%' }, number: { width: '22%' }, event: { width: '24%' }, date: { width: '20%' } } as const;
  return (
    <Document title={`${title} – ${company}`} author={company} language={locale} creator="Einwilligung" producer="Einwilligung">
      <Page size="A4" style={s.page}>
        <Text style={s.title}>{title}</Text>
        <Text style={s.subtitle}>
          {company} · {t('evidence.common.generatedAt', { date: formatBerlin(generatedAt, locale) })}
        </Text>
        <Text style={s.intro}>{t('addressBook.pdf.removalIntro')}</Text>
        <View style={s.headRow} fixed>
          <Text style={[s.cell, col.name]}>{t('addressBook.columns.name')}</Text>
          <Text style={[s.cell, col.number]}>{t('addressBook.columns.numbers')}</Text>
          <Text style={[s.cell, col.event]}>{t('addressBook.columns.event')}</Text>
          <Text style={[s.cell, col.date]}>{t('addressBook.columns.date')}</Text>
        </View>
        {rows.length === 0 && <Text>{t('addressBook.pdf.removalEmpty')}</Text>}
        {rows.map((r, i) => (
          <View key={i} style={s.row} wrap={false}>
            <Text style={[s.cell, col.name]}>{r.name ?? t('addressBook.noName')}</Text>
            <Text style={[s.cell, col.number]}>{r.number}</Text>
            <Text style={[s.cell, col.event]}>{eventLabel(t, r.eventType, r.channel)}</Text>
            <Text style={[s.cell, col.date]}>{r.eventAt ? formatBerlin(new Date(r.eventAt), locale) : '–'}</Text>
          </View>
        ))}
        <Footer left={`${title} · ${company}`} t={t} />
      </Page>
    </Document>
  );
}
