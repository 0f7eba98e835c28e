import { Document, Page, Text, View } from '@react-pdf/renderer';
import { EVENT_TYPES } from '@/lib/consent/types';
import type { ReportData, ReportRow } from '@/lib/evidence/types';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { charFitter, type FitText } from './fit-text';
import { formatBerlin, formatCount, formatDay, type PdfT } from './format';
import { PDF_FONT_FEATURES } from './fonts';
import { Field, Footer, Section } from './parts';
import { s } from './styles';

// A 10,000-event report must stay fast and small in memory. So the table is laid out as explicit pages with a fixed
// number of one-line rows, and each page's column is ONE text of newline-joined cells: ~10 layout nodes per page
// instead of ~500, and react-pdf never has to measure and split a long table. Cells are cut to their column width
// beforehand (FitText), so no cell wraps and the columns stay aligned.
export const TABLE_FONT_SIZE = 7;
const LINE = 10.5;
const FIRST_PAGE_ROWS = 36;
const ROWS_PER_PAGE = 66;
const CELL_PAD = 4;

const COLS = [
  { key: 'seq', width: 34 },
  { key: 'time', width: 86 },
  { key: 'type', width: 60 },
  { key: 'contact', width: 141 },
  { key: 'link', width: 80 },
  { key: 'notice', width: 34 },
  { key: 'hash', width: 72 },
] as const;
type ColKey = (typeof COLS)[number]['key'];

const tableText = { fontSize: TABLE_FONT_SIZE, lineHeight: `${LINE}pt`, fontFeatureSettings: { ...PDF_FONT_FEATURES, kern: false } };
const hashText = { fontFamily: 'Courier', fontSize: 6.5, lineHeight: `${LINE}pt` };
const stripe = (i: number) => ({ position: 'absolute' as const, left: 0, right: 0, top: i * LINE, height: LINE, backgroundColor: '#f3f4f6' });

/**
 * Most rows one report lists. react-pdf holds a whole document's layout in memory (≈ 80 MB per 1,000 rows, see
 * bench/pdf.ts), so the table stops here and says so; counts and the chain check still cover the whole range, and
 * the CSV export lists everything.
 */
export const MAX_TABLE_ROWS = 10_000;

// Not yet sealed (seq null) sorts last.
const bySeq = (a: ReportRow, b: ReportRow) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER);

/** Reads the report's row batches to the end and keeps the oldest `max` rows, oldest first. */
export async function loadReportRows(batches: ReportData['rows'], max = MAX_TABLE_ROWS): Promise<{ rows: ReportRow[]; total: number }> {
  let rows: ReportRow[] = [];
  let total = 0;
  for await (const batch of batches) {
    total += batch.length;
    rows.push(...batch);
    if (rows.length > 2 * max) rows = rows.sort(bySeq).slice(0, max);
  }
  return { rows: rows.sort(bySeq).slice(0, max), total };
}

function shortTime(d: Date, locale: Locale): string {
  return formatBerlin(d, locale).replace(/\s*(MEZ|MESZ|CET|CEST|GMT[+-]\d+)$/, '').replace(',', '');
}

function TablePage({ rows, t, locale, fit }: { rows: ReportRow[]; t: PdfT; locale: Locale; fit: FitText }) {
  const erased = t('evidence.report.erasedContact');
  const cell: Record<ColKey, (r: ReportRow) => string> = {
    seq: (r) => String(r.seq),
    time: (r) => shortTime(r.occurredAt, locale),
    type: (r) => t(`evidence.typeShort.${r.type}`),
    contact: (r) => r.contactName ?? (r.type === 'erased' ? erased : '–'),
    link: (r) => r.linkLabel ?? '–',
    notice: (r) => (r.noticeVersion === null ? '–' : `v${r.noticeVersion}`),
    hash: (r) => r.hash.slice(0, 16),
  };
  return (
    <View>
      <View style={[s.headRow, { fontSize: TABLE_FONT_SIZE }]}>
        {COLS.map((c) => (
          <Text key={c.key} style={{ width: c.width, paddingRight: CELL_PAD }}>
            {t(`evidence.report.columns.${c.key}`)}
          </Text>
        ))}
      </View>
      <View style={{ flexDirection: 'row' }}>
        {rows.map((_, i) => (i % 2 === 1 ? <View key={`s${i}`} style={stripe(i)} /> : null))}
        {COLS.map((c) => (
          <Text key={c.key} style={[{ width: c.width, paddingRight: CELL_PAD }, c.key === 'hash' ? hashText : tableText]}>
            {rows.map((r) => (c.key === 'hash' ? cell.hash(r) : fit(cell[c.key](r), c.width - CELL_PAD - 1))).join('\n')}
          </Text>
        ))}
      </View>
    </View>
  );
}

function chunk<T>(items: T[], first: number, size: number): T[][] {
  const out: T[][] = [items.slice(0, first)];
  for (let i = first; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Pages of a report with `rows` table rows: every page holds a fixed number of rows, so this is exact. */
export function reportPageCount(rows: number): number {
  return 1 + Math.ceil(Math.max(0, rows - FIRST_PAGE_ROWS) / ROWS_PER_PAGE);
}

/** A slice of a report's pages, [from, to) counted from 0, so a long report can render in parts (report-pdf.ts). */
export type PageRange = { from: number; to: number };

/**
 * The ledger report of a date range: counts per type, the chain's verification, and the range's events (up to
 * MAX_TABLE_ROWS). `fit` cuts cells to their column; pass measuredFitter(TABLE_FONT_SIZE) (render.ts does).
 */
export function LedgerReportDocument({
  data,
  rows,
  total = rows.length,
  locale,
  fit = charFitter(TABLE_FONT_SIZE * 0.6),
  pageRange,
}: {
  data: Omit<ReportData, 'rows'>;
  rows: ReportRow[];
  /** Events of the range; more than `rows` when the table was cut at MAX_TABLE_ROWS. */
  total?: number;
  locale: Locale;
  fit?: FitText;
  /** Only these pages (numbered as in the whole report); all pages without it. */
  pageRange?: PageRange;
}) {
  const t = translator(locale);
  const company = data.controller.legalName ?? data.controller.name;
  const title = t('evidence.report.title');
  const fromDay = formatDay(data.from, locale);
  const toDay = formatDay(data.to, locale);
  const { chain } = data;
  const pages = chunk(rows, FIRST_PAGE_ROWS, ROWS_PER_PAGE);
  const from = pageRange?.from ?? 0;
  return (
    <Document title={`${title} – ${company}`} author={company} language={locale} creator="Einwilligung" producer="Einwilligung">
      {pages.slice(from, pageRange?.to ?? pages.length).map((pageRows, k) => {
        const i = from + k;
        return (
          <Page key={i} size="A4" style={s.page}>
            {i === 0 && (
              <>
                <Text style={s.title}>{title}</Text>
                <Text style={s.subtitle}>
                  {company} · {t('evidence.report.range', { from: fromDay, to: toDay })} · {t('evidence.common.generatedAt', { date: formatBerlin(data.generatedAt, locale) })}
                </Text>
                <Section title={t('evidence.report.summary')}>
                  {EVENT_TYPES.map((type) => (
                    <Field key={type} label={t(`evidence.type.${type}`)} value={formatCount(data.counts[type], locale)} />
                  ))}
                  <Field label={t('evidence.report.total')} value={formatCount(data.total, locale)} />
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
                {total > rows.length && <Text style={[s.para, s.bold]}>{t('evidence.report.truncated', { shown: rows.length, total })}</Text>}
              </>
            )}
            {pageRows.length > 0 && <TablePage rows={pageRows} t={t} locale={locale} fit={fit} />}
            <Footer left={`${title} · ${company} · ${fromDay} – ${toDay}`} t={t} page={{ number: i + 1, total: pages.length }} />
          </Page>
        );
      })}
    </Document>
  );
}
