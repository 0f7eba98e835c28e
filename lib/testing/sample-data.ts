import { createHash } from 'node:crypto';
import { EVENT_TYPES, type EventType } from '@/lib/consent/types';
import type { DigestData, DigestEntry } from '@/lib/evidence/digest-data';
import type { EvidenceController, EvidenceEvent, EvidenceNotice, HistoryData, ReceiptData, ReportData, ReportRow } from '@/lib/evidence/types';

// Sample data for the PDF components: tests, the benchmark (bench/pdf.ts) and manual previews — no database needed.

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const sampleController: EvidenceController = {
  name: 'Bäckerei Müller',
  legalName: 'Bäckerei Müller GmbH',
  address: 'Musterstraße 1, 10115 Berlin',
  representative: 'Jürgen Müller (Geschäftsführer)',
  dpoName: 'Dr. Åsa Łukasiewicz',
  dpoEmail: 'datenschutz@baeckerei-mueller.example',
  evidenceEmail: 'nachweise@baeckerei-mueller.example',
  contactPhone: '+49 30 1234567',
  impressumUrl: 'https://baeckerei-mueller.example/impressum',
};

export const sampleNotice: EvidenceNotice = {
  id: uuid(900),
  title: 'Datenschutzhinweis zur Kommunikation über WhatsApp',
  body: [
    '## Wer ist verantwortlich?',
    'Bäckerei Müller GmbH, Musterstraße 1, 10115 Berlin.',
    '## Wofür nutzen wir Ihre Daten?',
    'Wir speichern Ihren **Namen** und Ihre **Mobilnummer**, um Sie über WhatsApp zu Bestellungen „Brot & Brötchen“ zu kontaktieren (Preise in €).',
    '## Ihre Rechte',
    '- Sie können Ihre Einwilligung jederzeit widerrufen.',
    '- Sie haben das Recht auf Auskunft, Berichtigung und Löschung.',
  ].join('\n\n'),
  purpose: 'Kommunikation über WhatsApp',
  legalBasis: 'Art. 6 Abs. 1 lit. a DSGVO',
  version: 3,
  language: 'de',
  textHash: hex('notice-v3'),
};

function sampleEvent(seq: number, type: EventType, minutes: number): EvidenceEvent {
  return {
    id: uuid(seq),
    seq,
    canonVersion: 1,
    type,
    occurredAt: new Date(Date.UTC(2025, 2, 30, 0, 30 + minutes, 15)),
    contactId: uuid(500),
    noticeVersionId: type === 'opt_in' ? sampleNotice.id : null,
    noticeHash: type === 'opt_in' ? sampleNotice.textHash : null,
    linkId: type === 'opt_in' ? uuid(700) : null,
    linkLabel: type === 'opt_in' ? 'Theke Filiale Prenzlauer Berg' : null,
    channel: 'whatsapp',
    language: 'de',
    ipTruncated: '203.0.113.0',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    piiHash: hex(`pii-${seq}`),
    identityId: uuid(600),
    prevHash: hex(`event-${seq - 1}`),
    hash: hex(`event-${seq}`),
  };
}

/** A receipt of an opt-in that was withdrawn later. */
export function sampleReceipt(): ReceiptData {
  const optIn = sampleEvent(41, 'opt_in', 0);
  const withdrawn = sampleEvent(57, 'withdrawn', 60 * 24 * 9);
  return {
    controller: sampleController,
    contactId: optIn.contactId,
    contact: { name: 'Zoë Größer-Şahin', phoneE164: '+4917612345678', email: 'zoe@example.com', status: 'withdrawn' },
    event: optIn,
    notice: sampleNotice,
    noticeFromSeq: null,
    contactEvents: [optIn, withdrawn],
    verifyUrl: `https://einwilligung.example/verify/${optIn.hash}`,
    generatedAt: new Date(Date.UTC(2025, 5, 1, 8, 0, 0)),
  };
}

/** A contact's history with the same events. */
export function sampleHistory(): HistoryData {
  const r = sampleReceipt();
  return { controller: r.controller, contactId: r.contactId, contact: r.contact, events: r.contactEvents, notices: [sampleNotice], verifyBaseUrl: 'https://einwilligung.example/verify/', generatedAt: r.generatedAt };
}

// Names that exercise the font fallback (latin-ext, Cyrillic) and the cutting of long cells; null = erased.
const sampleName = (seq: number) =>
  seq % 97 === 0
    ? null
    : seq % 13 === 0
      ? `Maximilian-Alexander von Großherzog-Übelhör-Şahinoğlu ${seq}`
      : seq % 17 === 0
        ? `Łukasz Wiśniewski ${seq}`
        : seq % 19 === 0
          ? `Олена Шевченко ${seq}`
          : `Kundin ${seq} Groß-Übelhör`;

/** A ledger report over `n` synthetic events, handed over in batches like the database iterator does. */
export function sampleReport(n: number, batchSize = 2000): ReportData {
  const counts = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as ReportData['counts'];
  const types: EventType[] = ['opt_in', 'opt_in', 'opt_in', 'opt_out', 'withdrawn', 'confirmed'];
  for (let i = 1; i <= n; i++) counts[types[i % types.length]!]++;
  function* rows(): Generator<ReportRow[]> {
    for (let start = n; start >= 1; start -= batchSize) {
      const batch: ReportRow[] = [];
      for (let seq = start; seq > Math.max(0, start - batchSize); seq--) {
        batch.push({
          seq,
          occurredAt: new Date(Date.UTC(2025, 0, 1) + seq * 60_000),
          type: types[seq % types.length]!,
          contactName: sampleName(seq),
          linkLabel: seq % 2 ? 'Flyer Sommerfest' : 'Theke',
          noticeVersion: 3,
          hash: hex(`event-${seq}`),
        });
      }
      yield batch;
    }
  }
  return {
    controller: sampleController,
    from: '2025-01-01',
    to: '2025-12-31',
    counts,
    total: n,
    chain: { ok: true, events: n, firstBreak: null, lastHash: hex(`event-${n}`) },
    rows: rows(),
    generatedAt: new Date(Date.UTC(2025, 5, 1, 8, 0, 0)),
  };
}

/** A digest of `n` synthetic decisions (every fifth a withdrawal naming its consent's notice; some erased). */
export function sampleDigest(n: number): DigestData {
  const types: EventType[] = ['opt_in', 'opt_in', 'opt_out', 'confirmed', 'withdrawn'];
  const entries: DigestEntry[] = [];
  for (let i = 0; i < n; i++) {
    const seq = 1001 + i;
    const type = types[i % types.length]!;
    const event = { ...sampleEvent(seq, type, i), contactId: uuid(10_000 + i), linkLabel: i % 2 ? 'Flyer Sommerfest' : 'Theke' };
    const name = sampleName(seq);
    entries.push({
      event,
      contact: name === null ? null : { name, phoneE164: `+49176${String(1_000_000 + i).padStart(7, '0')}`, email: i % 3 ? null : `kunde${i}@example.com`, status: 'opted_in' },
      notice: type === 'opt_in' || type === 'opt_out' ? { version: 3, title: sampleNotice.title, textHash: sampleNotice.textHash, fromSeq: null } : { version: 3, title: sampleNotice.title, textHash: sampleNotice.textHash, fromSeq: seq - 1 },
      verifyUrl: `https://einwilligung.example/verify/${event.hash}`,
    });
  }
  return {
    controller: sampleController,
    digest: { id: uuid(800), fromSeq: 1001, toSeq: 1000 + n, periodStart: new Date(Date.UTC(2025, 2, 29, 23)), periodEnd: new Date(Date.UTC(2025, 2, 30, 23)), createdAt: new Date(Date.UTC(2025, 2, 30, 23, 0, 2)) },
    entries,
  };
}
