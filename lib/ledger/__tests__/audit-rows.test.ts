import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, eventEntry, eventHash, type ChainedEvent } from '@/lib/consent/event-hash';
import { piiHash } from '@/lib/consent/pii';
import { leafHash } from '../tlog/hash';
import { auditPiiHash, auditRowOf, canonicalAuditRow, hashesOf } from '../audit-rows';

const auditJson = (e: ChainedEvent) => canonicalAuditRow(auditRowOf(e), e.tenantId);

// The auditor's written-out canonical forms must be byte for byte the general ones (lib/consent/event-hash.ts,
// lib/consent/pii.ts), or it would report intact events as tampered (or the reverse).
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\n', '\u2028', '\ud800', 'ä€😀'));
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

describe('auditor canonical forms', () => {
  it('the written-out canonical JSON = canonicalEvent, for v1, v2 and v3 events with any field values; hashes = eventHash and the leaf', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(auditJson(e)).toBe(canonicalEvent(e));
        const h = hashesOf(auditRowOf(e), e.tenantId)!;
        expect(h.hash).toBe(eventHash(e));
        expect(h.leaf.equals(Buffer.from(leafHash(eventEntry(e))))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a v1 event without evidence and with evidence written into it later', () => {
    const base = fc.sample(event, 1)[0]!;
    const v1 = { ...base, canonVersion: 1, evidenceChannel: null, evidenceKind: null, evidenceMessageId: null, evidenceMessageAt: null, evidenceSenderHash: null };
    expect(auditJson(v1)).toBe(canonicalEvent(v1));
    expect(canonicalEvent(v1)).not.toContain('evidence');
    const tampered = { ...v1, evidenceKind: 'keyword' };
    expect(auditJson(tampered)).toBe(canonicalEvent(tampered));
    expect(auditJson({ ...v1, canonVersion: 9 })).toBeNull();
  });

  it('auditPiiHash = piiHash', () => {
    fc.assert(
      fc.property(text, maybe(text), maybe(text), maybe(text), (salt, name, phoneE164, email) => {
        expect(auditPiiHash(salt, { name, phoneE164, email })).toBe(piiHash(salt, { name, phoneE164, email }));
      }),
      { numRuns: 3000 },
    );
  });
});
