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
  seq: number;
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
  prevHash: string;
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
  if (e.canonVersion !== CANON_VERSION && e.canonVersion !== CANON_VERSION_EVIDENCE) throw new Error(`unknown canonical event version ${e.canonVersion}`);
  const v1 = {
    v: e.canonVersion,
    id: e.id,
    tenantId: e.tenantId,
    seq: e.seq,
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
    prevHash: e.prevHash,
  };
  const evidence = {
    channel: e.evidenceChannel ?? null,
    kind: e.evidenceKind ?? null,
    messageId: e.evidenceMessageId ?? null,
    messageAt: e.evidenceMessageAt ? e.evidenceMessageAt.toISOString() : null,
    senderHash: e.evidenceSenderHash ?? null,
  };
  // A v1 event has no evidence: evidence written into a v1 row later is hashed too, so the row no longer verifies.
  return canonicalJson(e.canonVersion === CANON_VERSION_EVIDENCE || hasEvidence(e) ? { ...v1, evidence } : v1);
}

export function eventHash(e: ChainedEvent): string {
  return sha256Hex(canonicalEvent(e));
}
