import { Canvas, Document, Page, Text, View } from '@react-pdf/renderer';
import type { DigestData } from '@/lib/evidence/digest-data';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import { DIGEST_FONT } from './digest-fonts';
import { CONTENT_WIDTH, DIGEST_FONT_SIZE, DIGEST_GAP, DIGEST_LINE, DIGEST_MONO_SIZE, type DigestLayout, type DigestPage } from './digest-layout';
import { formatBerlin, type PdfT } from './format';
import { PDF_FONT_FEATURES } from './fonts';
import { ControllerBlock, Footer, Section } from './parts';
import { INK, MUTED, RULE, s } from './styles';

// Compact: ≈ 11 decisions per A4 page. digest-layout.ts has measured and wrapped every line and chosen the pages, so
// a page draws its decisions without any layout work react-pdf would have to do. react-pdf's text engine costs per
// line (each is a paragraph run through shaping, bidi, line breaking) more than per glyph, so it only gets the Inter
// lines (type and time, contact, notice, link; they may hold any script): ONE text per page of newline-joined lines
// that never wrap. The labels (Helvetica) and the hashes and verify URL (Courier, as elsewhere) are PDF standard
// fonts, ASCII or WinAnsi, and a canvas draws them directly at their line's position, with the rules between
// decisions. Profiled at 1,000 decisions: a label column of text lines alone cost as much as all values.
const d = {
  values: { fontSize: DIGEST_FONT_SIZE, fontFeatureSettings: { ...PDF_FONT_FEATURES, kern: false }, lineHeight: `${DIGEST_LINE}pt` },
  head: { fontWeight: 700 },
};

type Run = { text: string; head: boolean; gap?: number };

/** The page's Inter lines as runs; after each decision's Inter lines an empty line as high as its mono lines + gap. */
function valueRuns(page: DigestPage): Run[] {
  const out: Run[] = [];
  page.entries.forEach((entry, k) => {
    const last = k === page.entries.length - 1;
    const text = entry.lines.filter((l) => l.style !== 'mono');
    const mono = entry.lines.length - text.length;
    text.forEach((line, i) => {
      const head = line.style === 'head';
      const value = line.value + (last && i === text.length - 1 ? '' : '\n');
      const prev = out.at(-1);
      if (prev && prev.gap === undefined && prev.head === head) prev.text += value;
      else out.push({ text: value, head });
    });
    if (!last) out.push({ text: '\n', head: false, gap: mono * DIGEST_LINE + DIGEST_GAP });
  });
  return out;
}

/** Top of every decision on the page, and the height they take. */
function entryTops(page: DigestPage): { tops: number[]; height: number } {
  const tops: number[] = [];
  let y = 0;
  for (const e of page.entries) {
    tops.push(y);
    y += e.lines.length * DIGEST_LINE + DIGEST_GAP;
  }
  return { tops, height: Math.max(1, y - DIGEST_GAP) };
}

type Painter = Record<string, (...args: unknown[]) => Painter>;

function DecisionsPage({ page, layout }: { page: DigestPage; layout: DigestLayout }) {
  const { tops, height } = entryTops(page);
  const { labelWidth, ascent } = layout;
  // pdfkit draws at the baseline with baseline: 'alphabetic'; react-pdf puts a line's baseline at its top + ascent.
  const opts = { lineBreak: false, baseline: 'alphabetic' };
  const paint = (painter: unknown) => {
    const p = painter as Painter;
    page.entries.forEach((entry, k) => {
      const top = tops[k]!;
      if (k > 0) p.rect!(0, top - DIGEST_GAP / 2 - 0.25, CONTENT_WIDTH, 0.5).fill!(RULE);
      // Lines as digest-layout.ts ordered them: the Inter ones (drawn by the text) first, then the mono ones.
      entry.lines.forEach((line, i) => {
        const y = top + i * DIGEST_LINE + ascent;
        if (line.label) {
          const head = line.style === 'head';
          p.font!(head ? 'Helvetica-Bold' : 'Helvetica').fontSize!(DIGEST_FONT_SIZE).fillColor!(head ? INK : MUTED).text!(line.label, 0, y, opts);
        }
        if (line.style === 'mono') p.font!('Courier').fontSize!(DIGEST_MONO_SIZE).fillColor!(INK).text!(line.value, labelWidth, y, opts);
      });
    });
    return null;
  };
  return (
    <View style={{ height }}>
      <Canvas style={{ position: 'absolute', left: 0, top: 0, width: CONTENT_WIDTH, height }} paint={paint} />
      <Text style={[d.values, { marginLeft: labelWidth }]}>
        {valueRuns(page).map((r, i) => (
          <Text key={i} style={r.gap !== undefined ? { lineHeight: `${r.gap}pt` } : r.head ? d.head : undefined}>
            {r.text}
          </Text>
        ))}
      </Text>
    </View>
  );
}

/** The intro sentence of a digest (digest-layout.ts measures it to size the first page). */
export function digestIntro(data: DigestData, t: PdfT, locale: Locale): string {
  const { digest } = data;
  return t('evidence.digest.intro', {
    count: data.entries.length,
    from: formatBerlin(digest.periodStart, locale),
    to: formatBerlin(digest.periodEnd, locale),
    fromSeq: digest.fromSeq,
    toSeq: digest.toSeq,
  });
}

/**
 * The digest PDF (or the pages [from, to) of it, numbered as in the whole digest): every decision of the range as a
 * compact receipt, laid out by layoutDigest. Dated from the digest row, creationDate included, so it renders to the
 * same bytes on every attempt of its mail.
 */
export function DigestDocument({ data, locale, layout, pages }: { data: DigestData; locale: Locale; layout: DigestLayout; pages?: { from: number; to: number } }) {
  const t = translator(locale);
  const { controller, digest } = data;
  const company = controller.legalName ?? controller.name;
  const title = t('evidence.digest.title');
  const from = pages?.from ?? 0;
  const total = layout.pages.length;
  return (
    <Document title={`${title} – ${company}`} author={company} subject={digest.id} language={locale} creator="Einwilligung" producer="Einwilligung" creationDate={digest.createdAt}>
      {layout.pages.slice(from, pages?.to ?? total).map((page, k) => (
        <Page key={from + k} size="A4" style={[s.page, { fontFamily: DIGEST_FONT }]}>
          {page.first && (
            <>
              <Text style={s.title}>{title}</Text>
              <Text style={s.subtitle}>
                {company} · {t('evidence.common.generatedAt', { date: formatBerlin(digest.createdAt, locale) })}
              </Text>
              <Text style={s.intro}>{digestIntro(data, t, locale)}</Text>
              <ControllerBlock c={controller} t={t} />
              <Section title={t('evidence.digest.decisions')}>{null}</Section>
            </>
          )}
          {page.entries.length > 0 && <DecisionsPage page={page} layout={layout} />}
          <Footer left={`${title} · ${company} · #${digest.fromSeq}–#${digest.toSeq}`} t={t} page={{ number: from + k + 1, total }} />
        </Page>
      ))}
    </Document>
  );
}
