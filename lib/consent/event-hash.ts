import 'server-only';
import { canonicalJson } from '@/lib/canonical-json';
import { sha256Hex } from '@/lib/crypto';
import type { Locale } from '@/lib/i18n/locales';
import type { EventType } from './types';

/** Version of the canonical event form; stored in every event so the form can evolve without breaking old chains. */
export const CANON_VERSION = 1;
/** v2: v1 plus the evidence of how the decision arrived (a WhatsApp message: its id, time, kind, sender commitment). */
export const CANON_VERSION_EVIDENCE = 2;
/**
 * v3 (issue #16, docs/ledger.md): an entry of the tenant's transparency log. v2 without `seq` and `prevHash`: the
 * event is written before the sequencer gives it its place, and the Merkle tree, not a chain, orders the events.
 * The evidence object is always present (nulls without evidence). Every event appended from migration 0008 on is v3.
 */
export const CANON_VERSION_TLOG = 3;

/**
 * How a decision arrived, beyond the request fields of v1. The sender (wa_id / user id) is personal data: only its
 * salted commitment is hashed; the sender itself is kept erasable in consent_event_senders (lib/whatsapp/evidence.ts).
 */
export type EventEvidence = {
  evidenceChannel: string | null;
  evidenceKind: string | null;
  evidenceMessageId: string | null;
  evidenceMessageAt: Date | null;
  evidenceSenderHash: string | null;
};

/** Everything an event's hash commits to. Personal data only as the salted commitment piiHash (DESIGN-NOTES.md). */
export type ChainedEvent = {
  canonVersion: number;
  id: string;
  tenantId: string;
  /** v1/v2: position in the chain; v3: not hashed (the leaf index + 1, set by the sequencer; null until then). */
  seq: number | null;
  type: EventType;
  contactId: string;
  occurredAt: Date;
  noticeVersionId: string | null;
  noticeHash: string | null;
  linkId: string | null;
  channel: string;
  language: Locale;
  ipTruncated: string | null;
  userAgent: string | null;
  idempotencyKey: string;
  piiHash: string | null;
  /** v1/v2 only: the previous event's hash. */
  prevHash: string | null;
} & Partial<EventEvidence>;

/** The first prev_hash of a tenant's chain. */
export function genesisHash(tenantId: string): string {
  return sha256Hex(`einwilligung:genesis:${tenantId}`);
}

/** Whether an event carries any evidence field (then it is hashed in the v2 form). */
export function hasEvidence(e: Partial<EventEvidence>): boolean {
  return [e.evidenceChannel, e.evidenceKind, e.evidenceMessageId, e.evidenceMessageAt, e.evidenceSenderHash].some((x) => x != null);
}

/** The canonical JSON that is hashed (one definition, used by append and verify alike). */
export function canonicalEvent(e: ChainedEvent): string {
  const v = e.canonVersion;
  if (v !== CANON_VERSION && v !== CANON_VERSION_EVIDENCE && v !== CANON_VERSION_TLOG) throw new Error(`unknown canonical event version ${v}`);
  const common = {
    v,
    id: e.id,
    tenantId: e.tenantId,
    type: e.type,
    contactId: e.contactId,
    occurredAt: e.occurredAt.toISOString(),
    noticeVersionId: e.noticeVersionId,
    noticeHash: e.noticeHash,
    linkId: e.linkId,
    channel: e.channel,
    language: e.language,
    ipTruncated: e.ipTruncated,
    userAgent: e.userAgent,
    idempotencyKey: e.idempotencyKey,
    piiHash: e.piiHash,
  };
  const evidence = {
    channel: e.evidenceChannel ?? null,
    kind: e.evidenceKind ?? null,
    messageId: e.evidenceMessageId ?? null,
    messageAt: e.evidenceMessageAt ? e.evidenceMessageAt.toISOString() : null,
    senderHash: e.evidenceSenderHash ?? null,
  };
  if (v === CANON_VERSION_TLOG) return canonicalJson({ ...common, evidence });
  const v1 = { ...common, seq: e.seq, prevHash: e.prevHash };
  // A v1 event has no evidence: evidence written into a v1 row later is hashed too, so the row no longer verifies.
  return canonicalJson(v === CANON_VERSION_EVIDENCE || hasEvidence(e) ? { ...v1, evidence } : v1);
}

/** The bytes of the event's log entry: its canonical JSON in UTF-8 (a v1/v2 event's entry is its chain form). */
export function eventEntry(e: ChainedEvent): Buffer {
  return Buffer.from(canonicalEvent(e), 'utf8');
}

export function eventHash(e: ChainedEvent): string {
  return sha256Hex(canonicalEvent(e));
}
