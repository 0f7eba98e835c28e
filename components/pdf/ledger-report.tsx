import { Document, Page, Text, View } from '@react-pdf/renderer';
import { EVENT_TYPES } from '@/lib/consent/types';
import type { ReportData, ReportRow } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { formatBerlin, formatDay, type PdfT } from './format';
import { Field, Footer, Section } from './parts';
import { s } from './styles';

// Explicit pages of a fixed number of one-line rows: react-pdf then lays each page out once instead of measuring
// and splitting one long table, which keeps a 10,000-row report fast and its memory bounded by the row count.
const FIRST_PAGE_ROWS = 24;
const ROWS_PER_PAGE = 52;

const COLS = [
  { key: 'seq', width: 36 },
  { key: 'time', width: 82 },
  { key: 'type', width: 54 },
  { key: 'contact', flex: 1 },
  { key: 'link', width: 80 },
  { key: 'notice', width: 34 },
  { key: 'hash', width: 72 },
] as const;

const cellStyle = (c: (typeof COLS)[number]) => ('width' in c ? { width: c.width } : { flex: c.flex });
const oneLine = { maxLines: 1, textOverflow: 'ellipsis' } as const;
const table = { fontSize: 7 };

/** Reads the report's row batches to the end, oldest event first. */
export async function loadReportRows(batches: ReportData['rows']): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  for await (const batch of batches) for (const r of batch) rows.push(r);
  return rows.sort((a, b) => a.seq - b.seq);
}

function shortTime(d: Date, locale: Locale): string {
  return formatBerlin(d, locale).replace(/\s*(MEZ|MESZ|CET|CEST|GMT[+-]\d+)$/, '');
}

function HeadRow({ t }: { t: PdfT }) {
  return (
    <View style={[s.headRow, table]} fixed>
      {COLS.map((c) => (
        <Text key={c.key} style={[s.cell, cellStyle(c)]}>
          {t(`evidence.report.columns.${c.key}`)}
        </Text>
      ))}
    </View>
  );
}

function Rows({ rows, t, locale }: { rows: ReportRow[]; t: PdfT; locale: Locale }) {
  const erased = t('evidence.report.erasedContact');
  return (
    <>
      {rows.map((r) => {
        const cells = {
          seq: String(r.seq),
          time: shortTime(r.occurredAt, locale),
          type: t(`evidence.typeShort.${r.type}`),
          contact: r.contactName ?? (r.type === 'erased' ? erased : '–'),
          link: r.linkLabel ?? '–',
          notice: r.noticeVersion === null ? '–' : `v${r.noticeVersion}`,
          hash: r.hash.slice(0, 16),
        };
        return (
          <View key={r.seq} style={[s.row, table]} wrap={false}>
            {COLS.map((c) => (
              <Text key={c.key} style={c.key === 'hash' ? [s.cell, cellStyle(c), s.mono, { fontSize: 6.5 }] : [s.cell, cellStyle(c), oneLine]}>
                {cells[c.key]}
              </Text>
            ))}
          </View>
        );
      })}
    </>
  );
}

function chunk<T>(items: T[], first: number, size: number): T[][] {
  const out: T[][] = [items.slice(0, first)];
  for (let i = first; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The ledger report of a date range: counts per type, the chain's verification, and every event of the range. */
export function LedgerReportDocument({ data, rows, locale }: { data: ReportData; rows: ReportRow[]; locale: Locale }) {
  const t = translator(locale);
  const company = data.controller.legalName ?? data.controller.name;
  const title = t('evidence.report.title');
  const range = t('evidence.report.range', { from: formatDay(data.from, locale), to: formatDay(data.to, locale) });
  const { chain } = data;
  const pages = chunk(rows, FIRST_PAGE_ROWS, ROWS_PER_PAGE);
  const footer = `${title} · ${company} · ${formatDay(data.from, locale)} – ${formatDay(data.to, locale)}`;
  return (
    <Document title={`${title} – ${company}`} author={company} language={locale} creator="Einwilligung" producer="Einwilligung">
      {pages.map((pageRows, i) => (
        <Page key={i} size="A4" style={s.page}>
          {i === 0 && (
            <>
              <Text style={s.title}>{title}</Text>
              <Text style={s.subtitle}>
                {company} · {range} · {t('evidence.common.generatedAt', { date: formatBerlin(data.generatedAt, locale) })}
              </Text>
              <Section title={t('evidence.report.summary')}>
                {EVENT_TYPES.map((type) => (
                  <Field key={type} label={t(`evidence.type.${type}`)} value={data.counts[type]} />
                ))}
                <Field label={t('evidence.report.total')} value={data.total} />
              </Section>
              <Section title={t('evidence.report.chain')}>
                <Text style={[s.para, s.bold]}>
                  {chain.ok || !chain.firstBreak
                    ? t('evidence.report.chainOk', { events: chain.events })
                    : t('evidence.report.chainBroken', { seq: chain.firstBreak.seq, events: chain.events, reason: t(`evidence.report.reasons.${chain.firstBreak.reason}`) })}
                </Text>
                <Field label={t('evidence.report.lastHash')} value={chain.lastHash} mono />
              </Section>
              <Text style={[s.h2, s.section]}>{t('evidence.report.table')}</Text>
              {rows.length === 0 && <Text>{t('evidence.report.noEvents')}</Text>}
            </>
          )}
          {pageRows.length > 0 && <HeadRow t={t} />}
          <Rows rows={pageRows} t={t} locale={locale} />
          <Footer left={footer} t={t} />
        </Page>
      ))}
    </Document>
  );
}
