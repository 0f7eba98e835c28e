import { Image, Text, View } from '@react-pdf/renderer';
import type { ReceiptLedger } from '@/lib/evidence/types';
import { Field } from './parts';
import type { PdfT } from './format';
import { s } from './styles';

/** A long token (key, base64) in lines of Courier that fit the value column: react-pdf does not break inside a word. */
export function monoLines(text: string, width = 64): string[] {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.length ? lines : [''];
}

// Beside the QR code the value column is ≈ 220 pt: 44 Courier characters of 8 pt (0.6 em each).
const BESIDE_QR = 44;

function MonoField({ label, value }: { label: string; value: string }) {
  return (
    <View style={s.field} wrap={false}>
      <Text style={s.label}>{label}</Text>
      <View style={s.value}>
        {monoLines(value, BESIDE_QR).map((line, i) => (
          <Text key={i} style={s.mono}>
            {line}
          </Text>
        ))}
      </View>
    </View>
  );
}

/**
 * The event's place in the tenant's transparency log (issue #16): "sealed in checkpoint N", the log, its size and
 * root, the event's index, the published verifier key, and the inclusion proof as a QR code — or "recorded" while the
 * event waits for the sequencer.
 */
export function LedgerBlock({ ledger, qr, company, t }: { ledger: ReceiptLedger | null | undefined; qr?: string; company: string; t: PdfT }) {
  if (!ledger) {
    return (
      <View style={s.section} wrap={false}>
        <Text style={s.h3}>{t('evidence.receipt.log')}</Text>
        <Text style={s.para}>{t('evidence.receipt.recordedOnly')}</Text>
      </View>
    );
  }
  // react-pdf's <Image> has no alt attribute; the caption beside it says what the code holds.
  /* eslint-disable jsx-a11y/alt-text */
  return (
    <View style={s.section} wrap={false}>
      <Text style={s.h3}>
        {t('evidence.receipt.log')}: {t('evidence.receipt.sealedIn', { size: ledger.checkpointSize })}
      </Text>
      <Text style={s.para}>{t('evidence.receipt.logIntro', { company })}</Text>
      <View style={{ flexDirection: 'row' }}>
        <View style={{ flex: 1 }}>
          <MonoField label={t('evidence.receipt.logOrigin')} value={ledger.origin} />
          <Field label={t('evidence.receipt.treeSize')} value={ledger.checkpointSize} />
          <MonoField label={t('evidence.receipt.rootHash')} value={ledger.rootHash} />
          <Field label={t('evidence.receipt.leafIndex')} value={ledger.index} />
          <MonoField label={t('evidence.receipt.verifierKey')} value={ledger.verifierKey} />
        </View>
        {qr && (
          <View style={{ width: 130, alignItems: 'center', marginLeft: 8 }}>
            <Image src={qr} style={{ width: 126, height: 126 }} />
            <Text style={[s.muted, { fontSize: 7, textAlign: 'center' }]}>{t('evidence.receipt.qrCaption')}</Text>
          </View>
        )}
      </View>
    </View>
  );
}
