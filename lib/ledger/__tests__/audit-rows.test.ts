import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventEntry, eventHash, type ChainedEvent } from '@/lib/consent/event-hash';
import { piiHash } from '@/lib/consent/pii';
import { identityVerdict, type IdentityCheckRow } from '@/lib/consent/verify-identities';
import { copyText } from '@/lib/db/copy-out';
import { leafHash } from '../tlog/hash';
import { AuditRows, EVENT_COLUMNS, IDENTITY_COLUMNS } from '../audit-rows';

// The auditor writes the canonical forms straight from COPY text bytes: they must be byte for byte the general ones
// (lib/consent/event-hash.ts, lib/consent/pii.ts) and its identity check identityVerdict's, or it would report intact
// events as tampered (or the reverse). copyText writes values as PostgreSQL's COPY text does (the integration tests
// run the real COPY of both drivers).
const chars = Array.from('ab Z09-:."\\/\n\t\r\b\f\v\u0001\u001f\u007féß€\u2028😀');
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...chars) }),
  fc.constantFrom('"', '\\', '\\N', 'N', '\n', '', 'ä€😀'),
).filter((s) => !s.includes('\u0000') && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)); // what PostgreSQL text can hold
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const date = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });

const event: fc.Arbitrary<ChainedEvent> = fc.record({
  canonVersion: fc.constantFrom(1, 2, 3),
  id: fc.uuid(),
  tenantId: fc.uuid(),
  seq: maybe(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  type: fc.constantFrom('opt_in', 'opt_out', 'withdraw', 'confirm', 'erased') as fc.Arbitrary<ChainedEvent['type']>,
  contactId: fc.uuid(),
  occurredAt: date,
  noticeVersionId: maybe(fc.uuid()),
  noticeHash: maybe(text),
  linkId: maybe(fc.uuid()),
  channel: text,
  language: fc.constantFrom('de', 'en') as fc.Arbitrary<ChainedEvent['language']>,
  ipTruncated: maybe(text),
  userAgent: maybe(text),
  idempotencyKey: text,
  piiHash: maybe(text),
  prevHash: maybe(text),
  evidenceChannel: maybe(text),
  evidenceKind: maybe(text),
  evidenceMessageId: maybe(text),
  evidenceMessageAt: maybe(date),
  evidenceSenderHash: maybe(text),
});

/** An event as the auditor's COPY line (columns of audit-rows.ts C). */
const eventLine = (e: ChainedEvent, version: number = e.canonVersion) =>
  [
    e.seq, e.id, version, e.type, e.contactId, e.occurredAt.toISOString(), e.noticeVersionId, e.noticeHash, e.linkId, e.channel, e.language, e.ipTruncated,
    e.userAgent, e.idempotencyKey, e.piiHash, e.prevHash, 'hash', e.evidenceChannel ?? null, e.evidenceKind ?? null, e.evidenceMessageId ?? null,
    e.evidenceMessageAt ? e.evidenceMessageAt.toISOString() : null, e.evidenceSenderHash ?? null,
  ].map(copyText).join('\t') + '\n';

function rowsOf(lines: string, tenantId: string, columns: number) {
  const rows = new AuditRows(tenantId, columns);
  rows.reset(Buffer.from(lines, 'utf8'));
  expect(rows.next()).toBe(true);
  return rows;
}

describe('auditor canonical forms from COPY text', () => {
  it('entry hashes = eventHash and the leaf of eventEntry, for v1, v2 and v3 events with any field values', () => {
    fc.assert(
      fc.property(event, (e) => {
        const h = rowsOf(eventLine(e), e.tenantId, EVENT_COLUMNS).entryHashes()!;
        expect(h.hash).toBe(eventHash(e));
        expect(Buffer.from(h.leaf).equals(Buffer.from(leafHash(eventEntry(e))))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a v1 event without evidence and with evidence written into it later; an unknown version; several rows', () => {
    const base = fc.sample(event, 1)[0]!;
    const v1 = { ...base, canonVersion: 1, evidenceChannel: null, evidenceKind: null, evidenceMessageId: null, evidenceMessageAt: null, evidenceSenderHash: null };
    expect(rowsOf(eventLine(v1), v1.tenantId, EVENT_COLUMNS).entryHashes()!.hash).toBe(eventHash(v1));
    const tampered = { ...v1, evidenceKind: 'keyword' };
    expect(rowsOf(eventLine(tampered), v1.tenantId, EVENT_COLUMNS).entryHashes()!.hash).toBe(eventHash(tampered));
    expect(rowsOf(eventLine(v1, 9), v1.tenantId, EVENT_COLUMNS).entryHashes()).toBeNull();
    const two = new AuditRows(v1.tenantId, EVENT_COLUMNS);
    two.reset(Buffer.from(eventLine(v1) + eventLine(tampered)));
    expect([two.next() && two.entryHashes()!.hash, two.next() && two.entryHashes()!.hash, two.next()]).toEqual([eventHash(v1), eventHash(tampered), false]);
  });

  it('identityVerdict on COPY text = identityVerdict of lib/consent/verify-identities.ts (pii commitment, erasure, contact copy)', () => {
    const identity = fc.record({
      piiHash: maybe(text),
      commitsToStored: fc.boolean(),
      found: fc.boolean(),
      salt: maybe(text),
      name: maybe(text),
      phoneE164: maybe(text),
      email: maybe(text),
      erased: fc.boolean(),
      copy: maybe(fc.record({ status: fc.constantFrom('opted_in', 'erased', 'opted_out'), differs: fc.constantFrom(null, 'name', 'phoneE164', 'email'), value: maybe(text) })),
    });
    fc.assert(
      fc.property(identity, (r) => {
        const pii = { name: r.name, phoneE164: r.phoneE164, email: r.email };
        const commitment = r.commitsToStored && r.salt && (r.name || r.phoneE164 || r.email) ? piiHash(r.salt, pii) : r.piiHash;
        const copy = r.copy && { ...pii, ...(r.copy.differs ? { [r.copy.differs]: r.copy.value } : {}), status: r.copy.status }; // one field changed, or none
        const row: IdentityCheckRow = {
          piiHash: commitment,
          identity: r.found ? { id: 'i', piiSalt: r.salt, ...pii, erasedAt: r.erased ? new Date() : null } : null,
          copy,
        };
        const line = [1, 'id', commitment, r.found, r.found ? r.salt : null, r.found ? r.name : null, r.found ? r.phoneE164 : null, r.found ? r.email : null, r.found && r.erased,
          copy?.status ?? null, copy?.name ?? null, copy?.phoneE164 ?? null, copy?.email ?? null];
        expect(rowsOf(line.map(copyText).join('\t') + '\n', 'tenant', IDENTITY_COLUMNS).identityVerdict()).toBe(identityVerdict(row));
      }),
      { numRuns: 5000 },
    );
  });
});
