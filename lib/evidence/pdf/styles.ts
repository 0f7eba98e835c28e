// Unitless lineHeight is avoided on purpose: react-pdf 4 inherits it as absolute points (a 16 pt title on a 9 pt
// line) and then drops fixed render-prop texts such as page numbers.
import { StyleSheet } from '@react-pdf/renderer';
import { PDF_FONT, PDF_FONT_FEATURES } from './fonts';

export const INK = '#111827';
export const MUTED = '#4b5563';
export const RULE = '#d1d5db';
export const BRAND = '#0f766e';

/** Shared styles of the evidence PDFs (A4, Inter; hashes in Courier, which every PDF reader has built in). */
export const s = StyleSheet.create({
  page: { fontFamily: PDF_FONT, fontFeatureSettings: PDF_FONT_FEATURES, fontSize: 9, color: INK, paddingTop: 40, paddingBottom: 50, paddingHorizontal: 44 },
  title: { fontSize: 16, fontWeight: 700, marginBottom: 2 },
  subtitle: { fontSize: 10, color: MUTED, marginBottom: 10 },
  intro: { marginBottom: 10 },
  section: { marginTop: 12 },
  h2: { fontSize: 11, fontWeight: 700, color: BRAND, borderBottomWidth: 0.75, borderBottomColor: RULE, paddingBottom: 2, marginBottom: 5 },
  h3: { fontSize: 9.5, fontWeight: 700, marginTop: 6, marginBottom: 2 },
  field: { flexDirection: 'row', marginBottom: 2 },
  label: { width: 150, color: MUTED, paddingRight: 8 },
  value: { flex: 1 },
  mono: { fontFamily: 'Courier', fontSize: 8 },
  bold: { fontWeight: 700 },
  muted: { color: MUTED },
  decision: { fontSize: 13, fontWeight: 700, marginBottom: 4 },
  para: { marginBottom: 4 },
  listItem: { flexDirection: 'row', marginBottom: 2 },
  bullet: { width: 14 },
  noticeBox: { borderWidth: 0.75, borderColor: RULE, padding: 8, marginTop: 4 },
  verifyBox: { borderWidth: 1, borderColor: BRAND, padding: 8, marginTop: 4 },
  footer: { position: 'absolute', bottom: 22, left: 44, right: 44, flexDirection: 'row', justifyContent: 'space-between', fontSize: 7.5, color: MUTED },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: RULE, paddingVertical: 2 },
  headRow: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: INK, paddingVertical: 2, fontWeight: 700 },
  cell: { paddingRight: 4 },
});
