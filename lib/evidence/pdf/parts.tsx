import { Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import type { EvidenceContact, EvidenceController, EvidenceEvent, EvidenceNotice } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { parseMarkdown, type Inline } from '@/lib/notices/markdown';
import { formatBerlin, formatUtc, type PdfT } from './format';
import { s } from './styles';

/** A labelled value; empty values show a dash so a missing field is visibly missing. */
export function Field({ label, value, mono }: { label: string; value: string | number | null | undefined; mono?: boolean }) {
  const empty = value === null || value === undefined || value === '';
  return (
    <View style={s.field} wrap={false}>
      <Text style={s.label}>{label}</Text>
      <Text style={mono && !empty ? [s.value, s.mono] : s.value}>{empty ? '–' : String(value)}</Text>
    </View>
  );
}

/** A titled block; the title stays with the first lines of its content. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View style={s.section}>
      <Text style={s.h2} minPresenceAhead={40}>
        {title}
      </Text>
      {children}
    </View>
  );
}

/**
 * Footer on every page: document name left, "page x of y" right. With `page` the number is static text: a render
 * prop makes react-pdf lay the whole page out again for every page, so documents that know their page numbers in
 * advance (the ledger report) pass them.
 */
export function Footer({ left, t, page }: { left: string; t: PdfT; page?: { number: number; total: number } }) {
  return (
    <View style={s.footer} fixed>
      <Text>{left}</Text>
      {page ? (
        <Text>{t('evidence.common.page', { page: page.number, pages: page.total })}</Text>
      ) : (
        <Text render={({ pageNumber, totalPages }) => t('evidence.common.page', { page: pageNumber, pages: totalPages ?? pageNumber })} />
      )}
    </View>
  );
}

/** The company as controller. */
export function ControllerBlock({ c, t }: { c: EvidenceController; t: PdfT }) {
  const dpo = [c.dpoName, c.dpoEmail].filter(Boolean).join(', ');
  return (
    <Section title={t('evidence.common.controller')}>
      <Field label={t('evidence.common.legalName')} value={c.legalName ?? c.name} />
      <Field label={t('evidence.common.address')} value={c.address} />
      {c.representative && <Field label={t('evidence.common.representative')} value={c.representative} />}
      {dpo && <Field label={t('evidence.common.dpo')} value={dpo} />}
      <Field label={t('evidence.common.evidenceEmail')} value={c.evidenceEmail} />
      {c.contactPhone && <Field label={t('evidence.common.phone')} value={c.contactPhone} />}
      {c.impressumUrl && <Field label={t('evidence.common.impressum')} value={c.impressumUrl} />}
    </Section>
  );
}

/** The contact's personal data, or the erasure note. */
export function ContactBlock({ contact, contactId, t }: { contact: EvidenceContact | null; contactId: string; t: PdfT }) {
  return (
    <Section title={t('evidence.common.contact')}>
      {contact ? (
        <>
          <Field label={t('evidence.common.name')} value={contact.name} />
          <Field label={t('evidence.common.mobile')} value={contact.phoneE164} />
          <Field label={t('evidence.common.email')} value={contact.email} />
          <Field label={t('evidence.common.status')} value={t(`evidence.common.statuses.${contact.status}`)} />
        </>
      ) : (
        <Text style={s.para}>{t('evidence.common.erased')}</Text>
      )}
      <Field label={t('evidence.common.contactId')} value={contactId} mono />
    </Section>
  );
}

/** Every recorded field of one event, in the order a reader checks them. */
export function EventFields({ e, t, locale }: { e: EvidenceEvent; t: PdfT; locale: Locale }) {
  return (
    <>
      <Field label={t('evidence.common.timeBerlin')} value={formatBerlin(e.occurredAt, locale)} />
      <Field label={t('evidence.common.timeUtc')} value={formatUtc(e.occurredAt)} />
      <Field label={t('evidence.common.channel')} value={e.channel === 'whatsapp' ? t('evidence.common.whatsapp') : e.channel} />
      <Field label={t('evidence.common.link')} value={e.linkLabel} />
      <Field label={t('evidence.common.language')} value={t(`evidence.common.languages.${e.language}`)} />
      <Field label={t('evidence.common.ip')} value={e.ipTruncated} />
      <Field label={t('evidence.common.userAgent')} value={e.userAgent} />
      <Field label={t('evidence.common.seq')} value={e.seq} />
      <Field label={t('evidence.common.eventId')} value={e.id} mono />
    </>
  );
}

/** The chain fields of one event: what the verify page and a recomputation check. */
export function HashFields({ e, t }: { e: EvidenceEvent; t: PdfT }) {
  return (
    <>
      <Field label={t('evidence.common.eventHash')} value={e.hash} mono />
      <Field label={t('evidence.common.prevHash')} value={e.prevHash} mono />
      <Field label={t('evidence.common.noticeHash')} value={e.noticeHash} mono />
      <Field label={t('evidence.common.piiHash')} value={e.piiHash} mono />
      <Field label={t('evidence.common.canonVersion')} value={e.canonVersion} />
    </>
  );
}

function InlineText({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((i, n) =>
        i.kind === 'strong' ? (
          <Text key={n} style={s.bold}>
            {i.text}
          </Text>
        ) : i.kind === 'link' ? (
          `${i.text} (${i.href})`
        ) : (
          i.text
        ),
      )}
    </>
  );
}

/** A notice version in full: its metadata, its hash and the complete text the contact was shown. */
export function NoticeBlock({ n, t }: { n: EvidenceNotice; t: PdfT }) {
  return (
    <View>
      <Text style={s.h3}>{n.title}</Text>
      <Text style={[s.muted, s.para]}>{t('evidence.common.noticeVersion', { version: n.version, language: t(`evidence.common.languages.${n.language}`) })}</Text>
      <Field label={t('evidence.common.purpose')} value={n.purpose} />
      <Field label={t('evidence.common.legalBasis')} value={n.legalBasis} />
      <Field label={t('evidence.common.noticeHash')} value={n.textHash} mono />
      <View style={s.noticeBox}>
        {parseMarkdown(n.body).map((b, k) =>
          b.kind === 'heading' ? (
            <Text key={k} style={s.h3} minPresenceAhead={24}>
              <InlineText content={b.content} />
            </Text>
          ) : b.kind === 'paragraph' ? (
            <Text key={k} style={s.para}>
              <InlineText content={b.content} />
            </Text>
          ) : (
            <View key={k} style={s.para}>
              {b.items.map((item, j) => (
                <View key={j} style={s.listItem}>
                  <Text style={s.bullet}>{b.ordered ? `${j + 1}.` : '•'}</Text>
                  <Text style={s.value}>
                    <InlineText content={item} />
                  </Text>
                </View>
              ))}
            </View>
          ),
        )}
      </View>
    </View>
  );
}
