import { Document, Page, Text, View } from '@react-pdf/renderer';
import type { DigestData, DigestEntry } from '@/lib/evidence/digest-data';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { formatBerlin, formatUtc, type PdfT } from './format';
import { ControllerBlock, Section } from './parts';
import { MUTED, RULE, s } from './styles';

// Compact: ≈ 12 decisions per A4 page, each one Text with inline spans (no row views: a flex row per field made
// react-pdf lay out seven boxes per decision, ≈ 5× slower for a 1,000-decision digest). The mono spans stay below the
// line width (a 64-digit hash, a verify URL), since react-pdf cuts a word longer than its line instead of wrapping it.
const d = {
  entry: { borderBottomWidth: 0.5, borderBottomColor: RULE, paddingVertical: 3, fontSize: 7.5 },
  head: { fontWeight: 700 },
  label: { color: MUTED },
  mono: { fontFamily: 'Courier', fontSize: 7 },
};

/** One decision, compact: who (the data its event recorded), what, when, the notice, the link and how to verify it. */
function Entry({ e, t, locale }: { e: DigestEntry; t: PdfT; locale: Locale }) {
  const who = e.contact ? [e.contact.name, e.contact.phoneE164, e.contact.email].filter(Boolean).join(' · ') || t('evidence.digest.anonymous') : t('evidence.digest.erased');
  const notice = e.notice
    ? `v${e.notice.version} „${e.notice.title}“${e.notice.fromSeq !== null ? ` (${t('evidence.digest.noticeOf', { seq: e.notice.fromSeq })})` : ''}`
    : '–';
  return (
    <View style={d.entry} wrap={false}>
      <Text>
        <Text style={d.head}>
          #{e.event.seq} · {t(`evidence.type.${e.event.type}`)} · {formatBerlin(e.event.occurredAt, locale)} ({formatUtc(e.event.occurredAt)})
        </Text>
        {'\n'}
        <Text style={d.label}>{t('evidence.digest.who')}: </Text>
        {who}
        {'\n'}
        <Text style={d.label}>{t('evidence.digest.notice')}: </Text>
        {notice}
        {e.notice?.textHash ? (
          <>
            {'\n'}
            <Text style={d.label}>{t('evidence.digest.noticeHash')}: </Text>
            <Text style={d.mono}>{e.notice.textHash}</Text>
          </>
        ) : null}
        {'\n'}
        <Text style={d.label}>{t('evidence.digest.link')}: </Text>
        {[e.event.linkLabel ?? '–', e.event.ipTruncated, e.event.id].filter(Boolean).join(' · ')}
        {'\n'}
        <Text style={d.label}>{t('evidence.digest.eventHash')}: </Text>
        <Text style={d.mono}>{e.event.hash}</Text>
        {'\n'}
        <Text style={d.label}>{t('evidence.digest.verify')}: </Text>
        <Text style={d.mono}>{e.verifyUrl}</Text>
      </Text>
    </View>
  );
}

/**
 * The digest PDF (or one part of it: `part` names the entries to lay out, the first part carries the header): every
 * decision of the range as a compact receipt. Dated from the digest row, creationDate included, so it renders to the
 * same bytes on every attempt of its mail.
 */
export function DigestDocument({ data, locale, part }: { data: DigestData; locale: Locale; part?: { from: number; to: number } }) {
  const t = translator(locale);
  const { controller, digest } = data;
  const company = controller.legalName ?? controller.name;
  const title = t('evidence.digest.title');
  const from = part?.from ?? 0;
  const entries = data.entries.slice(from, part?.to ?? data.entries.length);
  return (
    <Document title={`${title} – ${company}`} author={company} subject={digest.id} language={locale} creator="Einwilligung" producer="Einwilligung" creationDate={digest.createdAt}>
      <Page size="A4" style={s.page}>
        {from === 0 && (
          <>
            <Text style={s.title}>{title}</Text>
            <Text style={s.subtitle}>
              {company} · {t('evidence.common.generatedAt', { date: formatBerlin(digest.createdAt, locale) })}
            </Text>
            <Text style={s.intro}>
              {t('evidence.digest.intro', {
                count: data.entries.length,
                from: formatBerlin(digest.periodStart, locale),
                to: formatBerlin(digest.periodEnd, locale),
                fromSeq: digest.fromSeq,
                toSeq: digest.toSeq,
              })}
            </Text>
            <ControllerBlock c={controller} t={t} />
          </>
        )}
        <Section title={t('evidence.digest.decisions')}>
          {entries.map((e) => (
            <Entry key={e.event.id} e={e} t={t} locale={locale} />
          ))}
        </Section>
        <View style={s.footer} fixed>
          <Text>{`${title} · ${company} · #${digest.fromSeq}–#${digest.toSeq}`}</Text>
        </View>
      </Page>
    </Document>
  );
}
