import { Document, Page, Text, View } from '@react-pdf/renderer';
import type { EvidenceEvent, ReceiptData } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { formatBerlin } from './format';
import { ContactBlock, ControllerBlock, EventFields, Footer, HashFields, NoticeBlock, Section } from './parts';
import { LedgerBlock } from './receipt-ledger';
import { s } from './styles';

/** "Per WhatsApp-Nachricht <id> vom <time>: <what it was>" for an event a WhatsApp message carried (issue #17). */
export function whatsappEvidence(w: NonNullable<EvidenceEvent['whatsapp']>, t: ReturnType<typeof translator>, locale: Locale): string {
  const key = `whatsappUi.evidence.kind_${w.kind}` as 'whatsappUi.evidence.kind_keyword';
  const kind = w.kind && t.has(key) ? t(key) : (w.kind ?? '');
  return t('whatsappUi.evidence.via', { messageId: w.messageId ?? '–', date: w.messageAt ? formatBerlin(w.messageAt, locale) : '–', kind });
}

/**
 * The receipt of one ledger event: who decided what, when, on which notice text, and how to verify it. `proofQr`: the
 * QR code of the event's inclusion proof (receipt-pdf.ts makes it from `data.ledger`).
 */
export function ReceiptDocument({ data, locale, proofQr }: { data: ReceiptData; locale: Locale; proofQr?: string }) {
  const t = translator(locale);
  const { controller, event, notice } = data;
  const company = controller.legalName ?? controller.name;
  const title = t('evidence.receipt.title');
  return (
    // creationDate from the data, not "now": the same receipt renders to the same bytes (a mail re-sent after a crash
    // must carry the payload its idempotency key was first used with).
    <Document title={`${title} – ${company}`} author={company} subject={event.id} language={locale} creator="Einwilligung" producer="Einwilligung" creationDate={data.generatedAt}>
      <Page size="A4" style={s.page}>
        <Text style={s.title}>{title}</Text>
        <Text style={s.subtitle}>
          {company} · {t('evidence.common.generatedAt', { date: formatBerlin(data.generatedAt, locale) })}
        </Text>
        <Text style={s.intro}>{t('evidence.receipt.intro', { company })}</Text>

        <ControllerBlock c={controller} t={t} />
        <ContactBlock contact={data.contact} contactId={data.contactId} t={t} />

        <Section title={t('evidence.receipt.decision')}>
          <Text style={s.decision}>{t(`evidence.type.${event.type}`)}</Text>
          {event.whatsapp && <Text style={s.para}>{whatsappEvidence(event.whatsapp, t, locale)}</Text>}
          <EventFields e={event} t={t} locale={locale} />
        </Section>

        <Section title={t('evidence.receipt.allEvents')}>
          {data.contactEvents.map((e) => (
            <View key={e.id} style={s.field} wrap={false}>
              <Text style={[s.label, { width: 40 }]}>{e.seq === null ? '–' : `#${e.seq}`}</Text>
              <Text style={[s.label, { width: 150 }]}>{formatBerlin(e.occurredAt, locale)}</Text>
              <Text style={e.id === event.id ? [s.value, s.bold] : s.value}>
                {t(`evidence.type.${e.type}`)}
                {e.id === event.id ? ` (${t('evidence.receipt.thisEvent')})` : ''}
                {e.whatsapp ? ` – ${whatsappEvidence(e.whatsapp, t, locale)}` : ''}
              </Text>
            </View>
          ))}
        </Section>

        <Section title={t('evidence.receipt.notice')}>
          {notice ? (
            <>
              {data.noticeFromSeq !== null && <Text style={s.para}>{t('evidence.receipt.noticeFrom', { seq: data.noticeFromSeq })}</Text>}
              <NoticeBlock n={notice} t={t} />
            </>
          ) : (
            <Text style={s.para}>{t('evidence.receipt.noNotice')}</Text>
          )}
        </Section>

        <Section title={t('evidence.receipt.verification')}>
          <HashFields e={event} t={t} />
          <View style={s.verifyBox} wrap={false}>
            <Text style={s.para}>{t('evidence.receipt.verifyIntro', { company })}</Text>
            <Text style={s.mono}>{data.verifyUrl}</Text>
          </View>
          <LedgerBlock ledger={data.ledger} qr={proofQr} company={company} t={t} />
        </Section>
        <Footer left={`${title} · ${company}${event.seq === null ? '' : ` · #${event.seq}`}`} t={t} />
      </Page>
    </Document>
  );
}
