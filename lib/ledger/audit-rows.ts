import 'server-only';
import { createHash, hash as oneShotHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { CANON_VERSION, CANON_VERSION_EVIDENCE, CANON_VERSION_TLOG, type ChainedEvent } from '@/lib/consent/event-hash';
import type { IdentityCheckRow } from '@/lib/consent/verify-identities';
import type { Pii } from '@/lib/consent/pii';

// The auditor's hot path (lib/ledger/audit.ts; target: 1M events < 10 s): one raw keyset query per batch with only
// the columns it hashes, timestamps already as ISO text (no ORM row mapping, no Date per row), and the canonical forms
// written out for their fixed keys instead of the generic sort-and-join of lib/canonical-json.ts. They produce the
// same bytes as lib/consent/event-hash.ts and lib/consent/pii.ts: a property test compares them over arbitrary events
// (lib/ledger/__tests__/audit-rows.test.ts).

/** One sealed event as the auditor reads it (snake_case: the query's columns). Timestamps are ISO 8601 UTC with ms. */
export type AuditRow = {
  seq: number;
  id: string;
  canon_version: number;
  type: string;
  contact_id: string;
  occurred_at: string;
  notice_version_id: string | null;
  notice_hash: string | null;
  link_id: string | null;
  channel: string;
  language: string;
  ip_truncated: string | null;
  user_agent: string | null;
  idempotency_key: string;
  pii_hash: string | null;
  prev_hash: string | null;
  hash: string;
  evidence_channel: string | null;
  evidence_kind: string | null;
  evidence_message_id: string | null;
  evidence_message_at: string | null;
  evidence_sender_hash: string | null;
  i_id: string | null;
  i_salt: string | null;
  i_name: string | null;
  i_phone: string | null;
  i_email: string | null;
  i_erased: unknown;
  c_name: string | null;
  c_phone: string | null;
  c_email: string | null;
  c_status: string | null;
};

// JSON string escaping is only needed for quotes, backslashes, control characters and (well-formed JSON.stringify)
// lone surrogates; most values here (ids, hashes, codes) have none and are quoted directly.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const q = (v: string | null | undefined) => (v == null ? 'null' : NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`);

function evidenceJson(r: AuditRow): string {
  return (
    `"evidence":{"channel":${q(r.evidence_channel)},"kind":${q(r.evidence_kind)},"messageAt":${q(r.evidence_message_at)},` +
    `"messageId":${q(r.evidence_message_id)},"senderHash":${q(r.evidence_sender_hash)}},`
  );
}

/**
 * The canonical JSON of an event (= canonicalEvent of lib/consent/event-hash.ts) for v1, v2 and v3: keys in sorted
 * order; v3 always with evidence and without seq/prevHash; v1/v2 with seq and prevHash, evidence in v2 (or when a v1
 * row carries any). Null for an unknown version.
 */
export function canonicalAuditRow(r: AuditRow, tenantId: string): string | null {
  const v = r.canon_version;
  if (v !== CANON_VERSION && v !== CANON_VERSION_EVIDENCE && v !== CANON_VERSION_TLOG) return null;
  const chain = v !== CANON_VERSION_TLOG;
  const anyEvidence = r.evidence_channel != null || r.evidence_kind != null || r.evidence_message_id != null || r.evidence_message_at != null || r.evidence_sender_hash != null;
  const evidence = !chain || v === CANON_VERSION_EVIDENCE || anyEvidence ? evidenceJson(r) : '';
  const link = chain ? `"prevHash":${q(r.prev_hash)},"seq":${r.seq == null ? 'null' : String(r.seq)},` : '';
  return (
    `{"channel":${q(r.channel)},"contactId":${q(r.contact_id)},${evidence}"id":${q(r.id)},` +
    `"idempotencyKey":${q(r.idempotency_key)},"ipTruncated":${q(r.ip_truncated)},"language":${q(r.language)},"linkId":${q(r.link_id)},` +
    `"noticeHash":${q(r.notice_hash)},"noticeVersionId":${q(r.notice_version_id)},"occurredAt":${q(r.occurred_at)},` +
    `"piiHash":${q(r.pii_hash)},${link}"tenantId":${q(tenantId)},"type":${q(r.type)},"userAgent":${q(r.user_agent)},"v":${v}}`
  );
}

/** An event as the auditor's row (for tests: the same columns the query reads). */
export function auditRowOf(e: ChainedEvent & { hash?: string }): AuditRow {
  return {
    seq: e.seq as number,
    id: e.id,
    canon_version: e.canonVersion,
    type: e.type,
    contact_id: e.contactId,
    occurred_at: e.occurredAt.toISOString(),
    notice_version_id: e.noticeVersionId,
    notice_hash: e.noticeHash,
    link_id: e.linkId,
    channel: e.channel,
    language: e.language,
    ip_truncated: e.ipTruncated,
    user_agent: e.userAgent,
    idempotency_key: e.idempotencyKey,
    pii_hash: e.piiHash,
    prev_hash: e.prevHash,
    hash: e.hash ?? '',
    evidence_channel: e.evidenceChannel ?? null,
    evidence_kind: e.evidenceKind ?? null,
    evidence_message_id: e.evidenceMessageId ?? null,
    evidence_message_at: e.evidenceMessageAt ? e.evidenceMessageAt.toISOString() : null,
    evidence_sender_hash: e.evidenceSenderHash ?? null,
    ...{ i_id: null, i_salt: null, i_name: null, i_phone: null, i_email: null, i_erased: null, c_name: null, c_phone: null, c_email: null, c_status: null },
  };
}

const sha256 = (data: Buffer | string, encoding: 'hex' | 'buffer'): string | Buffer =>
  typeof oneShotHash === 'function' ? oneShotHash('sha256', data, encoding) : encoding === 'hex' ? createHash('sha256').update(data).digest('hex') : createHash('sha256').update(data).digest();

/**
 * The entry's event hash (hex, the `hash` column) and its RFC 6962 leaf hash, from one buffer 0x00 ‖ entry with two
 * one-shot SHA-256 calls. Null for an unknown canonical version.
 */
export function hashesOf(r: AuditRow, tenantId: string): { hash: string; leaf: Buffer } | null {
  const json = canonicalAuditRow(r, tenantId);
  if (json === null) return null;
  const buf = Buffer.allocUnsafe(1 + Buffer.byteLength(json, 'utf8'));
  buf[0] = 0x00;
  buf.write(json, 1, 'utf8');
  return { hash: sha256(buf.subarray(1), 'hex') as string, leaf: sha256(buf, 'buffer') as Buffer };
}

/** piiHash of lib/consent/pii.ts with its canonical JSON written out ({email, name, phone}). */
export function auditPiiHash(salt: string, pii: Pii): string | null {
  if (!pii.name && !pii.phoneE164 && !pii.email) return null;
  return sha256(`${salt}{"email":${q(pii.email)},"name":${q(pii.name)},"phone":${q(pii.phoneE164)}}`, 'hex') as string;
}

/** The identity check's view of a row (lib/consent/verify-identities.ts identityVerdict). */
export function identityRowOf(r: AuditRow): IdentityCheckRow {
  return {
    piiHash: r.pii_hash,
    identity: r.i_id == null ? null : { id: r.i_id, piiSalt: r.i_salt, name: r.i_name, phoneE164: r.i_phone, email: r.i_email, erasedAt: r.i_erased == null ? null : new Date(r.i_erased as string) },
    copy: r.c_status == null ? null : { name: r.c_name, phoneE164: r.c_phone, email: r.c_email, status: r.c_status },
  };
}

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The sealed events with seq > `after`, in seq order, with the identity version and contact copy each names. */
export async function readAuditRows(tx: Tx, tenantId: string, after: number, limit: number): Promise<AuditRow[]> {
  const result = (await tx.execute(sql`
    select e.seq::float8 as seq, e.id, e.canon_version, e.type, e.contact_id, ${iso('e.occurred_at')} as occurred_at, e.notice_version_id,
           e.notice_hash, e.link_id, e.channel, e.language, e.ip_truncated, e.user_agent, e.idempotency_key, e.pii_hash, e.prev_hash,
           e.hash, e.evidence_channel, e.evidence_kind, e.evidence_message_id, ${iso('e.evidence_message_at')} as evidence_message_at,
           e.evidence_sender_hash,
           i.id as i_id, i.pii_salt as i_salt, i.name as i_name, i.phone_e164 as i_phone, i.email as i_email, i.erased_at::text as i_erased,
           c.name as c_name, c.phone_e164 as c_phone, c.email as c_email, c.status as c_status
    from consent_events e
    left join contact_identities i on i.tenant_id = e.tenant_id and i.id = e.identity_id
    left join contacts c on c.tenant_id = e.tenant_id and c.id = e.contact_id
    where e.tenant_id = ${tenantId} and e.seq > ${after}
    order by e.seq
    limit ${limit}`)) as unknown as AuditRow[] | { rows: AuditRow[] };
  return Array.isArray(result) ? result : result.rows;
}
