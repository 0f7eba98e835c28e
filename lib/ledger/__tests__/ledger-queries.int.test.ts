import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDecision, type DecisionContext } from '@/lib/consent/record-decision';
import { withTenant } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { seedTenantWithLink, sealAll } from '@/lib/testing/fixtures';
import { csvCell, ledgerCsv } from '../export-csv';
import { optedInVcards } from '../export-vcard';
import { ledgerQuery, listEvents } from '../list-events';
import { ledgerFilterSchema } from '../schemas';
import { matchContacts } from '../search';
import { weeklyCounts } from '../stats';

let db: Awaited<ReturnType<typeof createTestDb>>;
let a: Awaited<ReturnType<typeof seedTenantWithLink>>;
let b: Awaited<ReturnType<typeof seedTenantWithLink>>;

const ctx = (s: typeof a): DecisionContext => ({
  tenant: { id: s.tenant.id, slug: s.tenant.slug, name: s.tenant.name, doubleOptIn: false },
  link: s.link,
  noticeVersion: { id: s.version.id, textHash: s.version.textHash! },
  ip: null,
  userAgent: null,
  language: 'de',
  baseUrl: 'http://localhost',
});

beforeAll(async () => {
  db = await createTestDb();
  a = await seedTenantWithLink('queries-a');
  b = await seedTenantWithLink('queries-b');
  for (let i = 0; i < 7; i++) {
    await withTenant(a.tenant.id, (tx) =>
      recordDecision(tx, ctx(a), i % 2 === 0
        ? { decision: 'opt_in', name: `Kunde ${i}`, phoneE164: `+4917100000${i}0`, email: i === 0 ? 'k0@example.com' : null, idempotencyKey: randomUUID() }
        : { decision: 'opt_out', name: `=HYPERLINK("x") ${i}`, idempotencyKey: randomUUID() }),
    );
  }
  await withTenant(b.tenant.id, (tx) => recordDecision(tx, ctx(b), { decision: 'opt_in', name: 'Fremd', phoneE164: '+491719999999', idempotencyKey: randomUUID() }));
  await sealAll(); // seq is the place in the sealed log (issue #16)
});
afterAll(() => db.close());

describe('ledger queries', () => {
  it('pages with a keyset cursor, newest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await withTenant(a.tenant.id, (tx) => listEvents(tx, a.tenant.id, { cursor }, 3));
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const all = await withTenant(a.tenant.id, (tx) => listEvents(tx, a.tenant.id, {}, 100));
    expect(all.rows.map((r) => r.id)).toEqual(seen);
    expect([...all.rows].map((r) => r.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('filters by type, link and search, and never shows another tenant', async () => {
    const list = (f: object) => withTenant(a.tenant.id, (tx) => listEvents(tx, a.tenant.id, ledgerFilterSchema.parse(f), 100));
    expect((await list({ type: 'opt_in' })).rows).toHaveLength(4);
    expect((await list({ link: a.linkId })).rows).toHaveLength(7);
    expect((await list({ link: b.linkId })).rows).toHaveLength(0);
    expect((await list({ q: 'Kunde 2' })).rows.map((r) => r.contactName)).toEqual(['Kunde 2']);
    expect((await list({ q: '0171 0000020' })).rows.map((r) => r.contactName)).toEqual(['Kunde 2']);
    expect((await list({ q: 'Fremd' })).rows).toHaveLength(0);
    expect((await list({ q: '%' })).rows).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list({ from: today, to: today })).rows).toHaveLength(7);
    expect((await list({ to: '2020-01-01' })).rows).toHaveLength(0);
    expect(ledgerFilterSchema.safeParse({ type: 'nonsense' }).success).toBe(false);
    expect(ledgerFilterSchema.safeParse({ from: '2020-13' }).success).toBe(false);
  });

  it('finds the same rows whether the search resolves to contact ids or scans as a filter', async () => {
    const names = (rows: { contactName: string | null }[]) => rows.map((r) => r.contactName);
    for (const q of ['Kunde', 'kunde 4', '0171 0000', '+49 171 0000040', '4917', 'HYPERLINK', '_', 'nobody']) {
      const [viaIds, dense, filter] = await withTenant(a.tenant.id, async (tx) => {
        const m = await matchContacts(tx, q);
        expect('ids' in m).toBe(true); // a handful of contacts: the id path
        const forced = await matchContacts(tx, q, 0); // any match counts as dense
        return Promise.all([
          ledgerQuery(tx, a.tenant.id, { q }, null, 100, m),
          ledgerQuery(tx, a.tenant.id, { q }, null, 100, forced),
          ledgerQuery(tx, a.tenant.id, { q }, null, 100),
        ]);
      });
      expect(names(viaIds), q).toEqual(names(filter));
      expect(names(dense), q).toEqual(names(filter));
    }
    // Pages of a search come from the probe of the newest events while it fills them, then from the contact ids.
    for (const q of ['Kunde', '0171 0000', 'HYPERLINK']) {
      const all = await withTenant(a.tenant.id, (tx) => listEvents(tx, a.tenant.id, { q }, 100));
      for (const size of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await withTenant(a.tenant.id, (tx) => listEvents(tx, a.tenant.id, { q, cursor }, size));
          seen.push(...page.rows.map((r) => r.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen, `${q} by ${size}`).toEqual(all.rows.map((r) => r.id));
      }
    }
    const list = (q: string) => withTenant(a.tenant.id, (tx) => listEvents(tx, a.tenant.id, { q }, 100));
    expect((await list('0171 0000')).rows.map((r) => r.contactName).sort()).toEqual(['Kunde 0', 'Kunde 2', 'Kunde 4', 'Kunde 6']);
    expect((await list('KUNDE 6')).rows.map((r) => r.contactName)).toEqual(['Kunde 6']);
    expect((await list('999')).rows).toHaveLength(0); // under 4 digits: a name search only
    // The search function reads the tenant from the transaction: tenant b's contact is not found from a.
    expect((await list('0171 9999')).rows).toHaveLength(0);
    const fromB = await withTenant(b.tenant.id, (tx) => listEvents(tx, b.tenant.id, { q: '0171 9999' }, 100));
    expect(fromB.rows.map((r) => r.contactName)).toEqual(['Fremd']);
  });

  it('exports all matching rows as CSV with formula injection defused', async () => {
    let csv = '';
    await withTenant(a.tenant.id, async (tx) => {
      for await (const chunk of ledgerCsv(tx, a.tenant.id, {})) csv += chunk;
    });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('occurred_at_utc,type,contact_name');
    expect(lines).toHaveLength(8);
    expect(csv).toContain(`"'=HYPERLINK(""x"") 1"`);
    expect(csv).not.toContain('Fremd');
    expect(csvCell('+49171')).toBe("'+49171");
  });

  it('exports vCards of opted-in contacts only', async () => {
    let vcf = '';
    await withTenant(a.tenant.id, async (tx) => {
      for await (const chunk of optedInVcards(tx, a.tenant.id, 'A GmbH', 2)) vcf += chunk;
    });
    expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(4);
    expect(vcf).toContain('TEL;TYPE=CELL:+491710000000');
    expect(vcf).toContain('EMAIL:k0@example.com');
    expect(vcf).not.toContain('HYPERLINK');
  });

  it('counts decisions per week', async () => {
    const weeks = await withTenant(a.tenant.id, (tx) => weeklyCounts(tx, a.tenant.id));
    expect(weeks).toHaveLength(12);
    const total = weeks.reduce((s, w) => s + w.optIn + w.optOut, 0);
    expect(total).toBe(7);
  });
});
