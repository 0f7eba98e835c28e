import type { ContactStatus, EventType } from '@/lib/consent/types';
import type { ChainVerification } from '@/lib/consent/verify-chain';
import type { Locale } from '@/lib/i18n/locales';
import type { ReceiptProof } from '@/lib/ledger/tlog/receipt-proof';

// Plain data handed from the gatherers (lib/evidence/*-data.ts) to the PDF renderers (lib/evidence/pdf/), so the
// components render without a database and tests can build these objects by hand.

/** The company as controller (GDPR Art. 4(7)), from its profile. */
export type EvidenceController = {
  name: string;
  legalName: string | null;
  address: string | null;
  representative: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
  evidenceEmail: string | null;
  contactPhone: string | null;
  impressumUrl: string | null;
};

/** The personal data an event recorded (its identity version) and the contact's state now; null once erased (Art. 17). */
export type EvidenceContact = { name: string | null; phoneE164: string | null; email: string | null; status: ContactStatus };

/** A ledger event with every field its hash covers, plus its link's label. */
export type EvidenceEvent = {
  id: string;
  /** Leaf index + 1 in the tenant's log; null while the event is recorded but not yet sealed (issue #16). */
  seq: number | null;
  canonVersion: number;
  type: EventType;
  occurredAt: Date;
  contactId: string;
  noticeVersionId: string | null;
  noticeHash: string | null;
  linkId: string | null;
  linkLabel: string | null;
  channel: string;
  language: Locale;
  ipTruncated: string | null;
  userAgent: string | null;
  piiHash: string | null;
  /** The identity version piiHash commits to (null: anonymous). */
  identityId: string | null;
  /** v1/v2 chain link; null for v3 (transparency-log) events. */
  prevHash: string | null;
  hash: string;
  /** How the decision arrived when a WhatsApp message carried it (canon v2; issue #17): kind, message id and time. */
  whatsapp?: { kind: string | null; messageId: string | null; messageAt: Date | null } | null;
};

/** A published notice version: exactly the text the contact was shown, with the hash the ledger recorded. */
export type EvidenceNotice = {
  id: string;
  title: string;
  body: string;
  purpose: string;
  legalBasis: string;
  version: number;
  language: Locale;
  textHash: string | null;
};

/** Where a sealed event stands in its tenant's transparency log (issue #16): what the receipt prints and carries. */
export type ReceiptLedger = {
  /** Entry, index, inclusion proof and the signed checkpoint (C2SP tlog-proof shape): the receipt JSON's `ledger.tlog`. */
  proof: ReceiptProof;
  /** N of "sealed in checkpoint N": the tree size of the first checkpoint covering the event. */
  checkpointSize: number;
  /** The log's name (checkpoint origin line). */
  origin: string;
  /** base64 of the checkpoint's root hash. */
  rootHash: string;
  /** Zero-based leaf index (seq − 1). */
  index: number;
  /** The published verifier key that signed the checkpoint. */
  verifierKey: string;
  sealedAt: Date;
};

export type ReceiptData = {
  controller: EvidenceController;
  contactId: string;
  contact: EvidenceContact | null;
  event: EvidenceEvent;
  /**
   * The notice of the event, or — for a confirmation or withdrawal, which carry none — the notice of the consent it
   * refers to (`noticeFromSeq` then names that event).
   */
  notice: EvidenceNotice | null;
  noticeFromSeq: number | null;
  /** All of the contact's events in chain order, this one included (shows e.g. a later withdrawal). */
  contactEvents: EvidenceEvent[];
  verifyUrl: string;
  generatedAt: Date;
  /** The event's place in the transparency log; null (or absent) while it is recorded but not yet sealed. */
  ledger?: ReceiptLedger | null;
};

export type HistoryData = {
  controller: EvidenceController;
  contactId: string;
  contact: EvidenceContact | null;
  events: EvidenceEvent[];
  /** The notice versions the events refer to, oldest version first. */
  notices: EvidenceNotice[];
  /** Prefix of the public verify page; append an event hash. */
  verifyBaseUrl: string;
  generatedAt: Date;
};

/** One row of the ledger report table (kept small: a report may hold tens of thousands). */
export type ReportRow = {
  seq: number | null;
  occurredAt: Date;
  type: EventType;
  contactName: string | null;
  linkLabel: string | null;
  noticeVersion: number | null;
  hash: string;
};

export type EventCounts = Record<EventType, number>;

export type ReportData = {
  controller: EvidenceController;
  /** Calendar days in Europe/Berlin, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  counts: EventCounts;
  total: number;
  /** Verification of the tenant's whole chain, not only of the range (the fields the report shows). */
  chain: Pick<ChainVerification, 'ok' | 'events' | 'firstBreak' | 'lastHash'>;
  /** The range's events in batches, in any order (the report sorts them by seq). */
  rows: AsyncIterable<ReportRow[]> | Iterable<ReportRow[]>;
  generatedAt: Date;
};
