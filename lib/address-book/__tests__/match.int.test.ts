import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordDecision, type DecisionContext, type DecisionData } from '@/lib/consent/record-decision';
import { confirmConsent, withdrawConsent } from '@/lib/consent/withdraw';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink, sealAll } from '@/lib/testing/fixtures';
import { withdrawNumber } from '@/lib/whatsapp/withdraw-number';
import { createTestDb } from '@/lib/testing/test-db';
import { parseContactFile } from '../parse';
import { cardList, matchNumbers } from '../match';

let db: Awaited<ReturnType<typeof createTestDb>>;
let a: Awaited<ReturnType<typeof seedTenantWithLink>>;
let b: Awaited<ReturnType<typeof seedTenantWithLink>>;

const ctx = (s: typeof a, doubleOptIn = false): DecisionContext => ({
  tenant: { id: s.tenant.id, slug: s.tenant.slug, name: s.tenant.name, doubleOptIn },
  link: s.link,
  noticeVersion: { id: s.version.id, textHash: s.version.textHash! },
  ip: null,
  userAgent: null,
  language: 'de',
  baseUrl: 'http://localhost',
});
const decide = (s: typeof a, data: Omit<DecisionData, 'idempotencyKey'>, doubleOptIn = false) =>
  withTenant(s.tenant.id, (tx) => recordDecision(tx, ctx(s, doubleOptIn), { ...data, idempotencyKey: randomUUID() }));
const change = (s: typeof a, contactId: string, fn: typeof withdrawConsent) =>
  withTenant(s.tenant.id, (tx) => fn(tx, { tenantId: s.tenant.id, contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: null }));

const N = (i: number) => `+4917110000${String(i).padStart(2, '0')}`;

beforeAll(async () => {
  db = await createTestDb();
  a = await seedTenantWithLink('match-a');
  b = await seedTenantWithLink('match-b');
  await decide(a, { decision: 'opt_in', name: 'Stay', phoneE164: N(1) });
  const withdrawn = await decide(a, { decision: 'opt_in', name: 'Withdrawn', phoneE164: N(2) });
  await change(a, withdrawn.contactId, withdrawConsent);
  await decide(a, { decision: 'opt_out', name: 'Refused', phoneE164: N(3) });
  await decide(a, { decision: 'opt_in', name: 'Pending', phoneE164: N(4), email: 'p@example.com' }, true);
  const confirmed = await decide(a, { decision: 'opt_in', name: 'Confirmed', phoneE164: N(5), email: 'c@example.com' }, true);
  await change(a, confirmed.contactId, confirmConsent);
  // Two submissions per number: the later decision wins, whichever it is.
  await decide(a, { decision: 'opt_in', name: 'Old yes', phoneE164: N(6) });
  await decide(a, { decision: 'opt_out', name: 'New no', phoneE164: N(6) });
  await decide(a, { decision: 'opt_out', name: 'Old no', phoneE164: N(7) });
  await decide(a, { decision: 'opt_in', name: 'New yes', phoneE164: N(7) });
  // Erased: erasure clears the phone with the rest of the personal data (as identity erasure does).
  const erased = await decide(a, { decision: 'opt_in', name: 'Erased', phoneE164: N(8) });
  await withSystem((tx) => tx.execute(sql`update contacts set name = null, phone_e164 = null, email = null, status = 'erased' where id = ${erased.contactId}`));
  // "Stopp" on WhatsApp: from a consented number, and from a number the ledger never saw (an opt-out of its own).
  await decide(a, { decision: 'opt_in', name: 'Stopper', phoneE164: N(11) });
  for (const [n, id] of [[N(11), 'wamid.stop1'], [N(12), 'wamid.stop2']] as const) {
    await withTenant(a.tenant.id, (tx) => withdrawNumber(tx, { tenantId: a.tenant.id, messageId: id, waId: n.slice(1), userId: null, occurredAt: new Date(), kind: 'keyword' }));
  }
  // Another tenant's consent for a number tenant a never asked.
  await decide(b, { decision: 'opt_in', name: 'Fremd', phoneE164: N(9) });
  await sealAll(); // seq is the place in the sealed log (issue #16)
});
afterAll(() => db.close());

describe('matchNumbers', () => {
  it('puts each number on its list by its latest decision, with event, date, seq and notice version', async () => {
    const all = Array.from({ length: 12 }, (_, i) => N(i + 1));
    const m = await withTenant(a.tenant.id, (tx) => matchNumbers(tx, [...all, 'not a number', N(1)]));
    const list = Object.fromEntries(all.map((n) => [n, m.get(n)?.list ?? 'unknown']));
    expect(list).toEqual({
      [N(1)]: 'stay', [N(2)]: 'go', [N(3)]: 'go', [N(4)]: 'waiting', [N(5)]: 'stay',
      [N(6)]: 'go', [N(7)]: 'stay', [N(8)]: 'unknown', [N(9)]: 'unknown', [N(10)]: 'unknown', [N(11)]: 'go', [N(12)]: 'go',
    });
    expect(m.get(N(2))).toMatchObject({ eventType: 'withdrawn', contacts: 1 });
    expect(m.get(N(11))).toMatchObject({ eventType: 'withdrawn', channel: 'whatsapp', evidenceKind: 'keyword' });
    expect(m.get(N(12))).toMatchObject({ eventType: 'opt_out', channel: 'whatsapp' });
    expect(m.get(N(2))!.eventAt).toBeInstanceOf(Date);
    expect(m.get(N(3))!.eventType).toBe('opt_out');
    // A confirmation names no notice; the opt-in it confirms does.
    expect(m.get(N(5))).toMatchObject({ eventType: 'confirmed', noticeVersionId: a.version.id });
    expect(m.get(N(1))).toMatchObject({ eventType: 'opt_in', noticeVersionId: a.version.id });
    expect(m.get(N(6))).toMatchObject({ eventType: 'opt_out', contacts: 2 });
    expect(m.get(N(7))).toMatchObject({ eventType: 'opt_in', contacts: 2 });
    expect(m.get(N(7))!.seq).toBeGreaterThan(m.get(N(6))!.seq!);
    expect(m.size).toBe(9);
  });

  it('a decision recorded but not yet sealed (seq null) is the latest: a withdrawal counts at once (issue #16)', async () => {
    const later = await decide(a, { decision: 'opt_in', name: 'Sealed yes', phoneE164: N(20) });
    await sealAll();
    await change(a, later.contactId, withdrawConsent); // not sealed yet
    await decide(a, { decision: 'opt_out', name: 'Old no', phoneE164: N(21) });
    await sealAll();
    await decide(a, { decision: 'opt_in', name: 'New yes, unsealed', phoneE164: N(21) });
    const m = await withTenant(a.tenant.id, (tx) => matchNumbers(tx, [N(20), N(21)]));
    expect(m.get(N(20))).toMatchObject({ eventType: 'withdrawn' });
    expect(m.get(N(21))).toMatchObject({ eventType: 'opt_in' });
    await sealAll();
  });

  it('is one statement for any number of numbers', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `+49160${String(i).padStart(7, '0')}`);
    const m = await withTenant(a.tenant.id, async (tx) => {
      const spy = vi.spyOn(tx, 'execute');
      const r = await matchNumbers(tx, [...many, N(1)]);
      expect(spy).toHaveBeenCalledTimes(1);
      return r;
    });
    expect([...m.keys()]).toEqual([N(1)]);
  });

  it('cardList: the best list of any of the card’s numbers (stay > waiting > go > not asked)', async () => {
    const file = [
      ['Zwei', [N(3), N(1)]],
      ['Wartet', [N(10), N(4)]],
      ['Weg', [N(10), N(2)]],
      ['Neu', [N(10), '0800 1234567']],
      ['Ohne', []],
    ]
      .map(([name, nums]) => `BEGIN:VCARD\r\nFN:${name}\r\n${(nums as string[]).map((n) => `TEL:${n}\r\n`).join('')}END:VCARD\r\n`)
      .join('');
    const { cards } = await parseContactFile(new TextEncoder().encode(file));
    const m = await withTenant(a.tenant.id, (tx) => matchNumbers(tx, cards.flatMap((c) => c.numbers.flatMap((n) => (n.e164 ? [n.e164] : [])))));
    expect(cards.map((c) => [c.name, cardList(c, m)])).toEqual([
      ['Zwei', 'stay'],
      ['Wartet', 'waiting'],
      ['Weg', 'go'],
      ['Neu', 'unknown'],
      ['Ohne', 'unknown'],
    ]);
  });
});
