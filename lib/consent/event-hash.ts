import { canonicalJson } from '@/lib/canonical-json';
import { sha256Hex } from '@/lib/crypto';
import type { Locale } from '@/lib/i18n/locales';
import type { EventType } from './types';

/** Version of the canonical event form; stored in every event so the form can evolve without breaking old chains. */
export const CANON_VERSION = 1;

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
};

/** The first prev_hash of a tenant's chain. */
export function genesisHash(tenantId: string): string {
  return sha256Hex(`einwilligung:genesis:${tenantId}`);
}

/** The canonical JSON that is hashed (one definition, used by append and verify alike). */
export function canonicalEvent(e: ChainedEvent): string {
  if (e.canonVersion !== CANON_VERSION) throw new Error(`unknown canonical event version ${e.canonVersion}`);
  return canonicalJson({
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
  });
}

export function eventHash(e: ChainedEvent): string {
  return sha256Hex(canonicalEvent(e));
}
