import { Document, Image, Page, Text } from '@react-pdf/renderer';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/messages';
import type { PosterData, PosterSize } from '@/lib/links/poster-data';
import { PDF_FONT, PDF_FONT_FEATURES } from './fonts';
import { INK, MUTED } from './styles';

// Sizes in points per paper size: the QR code takes most of the width, so it scans from a metre away on A4.
const DIMENSIONS = {
  A4: { width: 595, pad: 56, logo: 70, company: 30, qr: 380, line: 18, url: 11, hint: 10 },
  A6: { width: 298, pad: 22, logo: 32, company: 15, qr: 200, line: 10, url: 6.5, hint: 6.5 },
} as const;

/**
 * The URL in lines that fit the page, broken after a "/" where possible: react-pdf does not wrap a word without
 * spaces and would clip the end of the token. Courier is monospaced: each character is 0.6 em wide.
 */
export function urlLines(url: string, maxChars: number): string[] {
  const parts = url.split(/(?<=\/)/);
  const lines: string[] = [];
  let line = '';
  for (let part of parts) {
    if (line && (line + part).length > maxChars) {
      lines.push(line);
      line = '';
    }
    while (part.length > maxChars) {
      lines.push(part.slice(0, maxChars));
      part = part.slice(maxChars);
    }
    line += part;
  }
  if (line) lines.push(line);
  return lines;
}

/** The counter poster of an invite link: company, logo, a large QR code, a short line and the URL to type. */
export function PosterDocument({ data, size, locale }: { data: PosterData; size: PosterSize; locale: Locale }) {
  const t = translator(locale);
  const d = DIMENSIONS[size];
  const qrSrc = `data:image/png;base64,${data.qrPng.toString('base64')}`;
  // react-pdf's <Image> has no alt attribute (PDF images carry no alt text here); the line below says what the code is.
  /* eslint-disable jsx-a11y/alt-text */
  return (
    <Document title={t('links.poster.title', { company: data.company })} author={data.company} language={locale} creator="Einwilligung" producer="Einwilligung">
      <Page size={size} style={{ fontFamily: PDF_FONT, fontFeatureSettings: PDF_FONT_FEATURES, color: INK, padding: d.pad, alignItems: 'center' }}>
        {data.logo && <Image src={data.logo} style={{ height: d.logo, objectFit: 'contain', marginBottom: d.pad / 3 }} />}
        <Text style={{ fontSize: d.company, fontWeight: 700, textAlign: 'center' }}>{data.company}</Text>
        <Image src={qrSrc} style={{ width: d.qr, height: d.qr, marginVertical: d.pad / 2 }} />
        <Text style={{ fontSize: d.line, fontWeight: 700, textAlign: 'center' }}>{t('links.poster.line')}</Text>
        <Text style={{ fontSize: d.hint, color: MUTED, marginTop: d.pad / 2, textAlign: 'center' }}>{t('links.poster.typeUrl')}</Text>
        {urlLines(data.typedUrl, Math.floor((d.width - 2 * d.pad) / (0.6 * d.url)) - 1).map((line, i) => (
          <Text key={i} style={{ fontFamily: 'Courier', fontSize: d.url, textAlign: 'center', marginTop: 2 }}>
            {line}
          </Text>
        ))}
      </Page>
    </Document>
  );
}
