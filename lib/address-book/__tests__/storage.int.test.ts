import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, inviteLinks, users } from '@/db/schema';
import { addressBookChecks, addressBookImports } from '@/db/schema/address-book';
import { can } from '@/lib/auth/permissions';
import { recordDecision, type DecisionContext } from '@/lib/consent/record-decision';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { gatherCheckPdf } from '../check-data';
import { createImportInvites } from '../create-invites';
import { openPayload } from '../crypto';
import { cleanedVcard, removalCsv, sha256Of } from '../exports';
import { finishImport, sweepExpiredImports } from '../finish-import';
import { importAddressBook } from '../import-book';
import { loadImport } from '../load-import';
import { readBodyLimited } from '../read-upload';
import { sweepAllExpiredImports } from '../sweeper';
import type { ImportPayload } from '../types';

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
let other: Awaited<ReturnType<typeof seedTenantWithLink>>;
let owner: { tenantId: string; userId: string; email: string };
let admin: { tenantId: string; userId: string; email: string };

const ctx = (doubleOptIn: boolean): DecisionContext => ({
  tenant: { id: s.tenant.id, slug: s.tenant.slug, name: s.tenant.name, doubleOptIn },
  link: s.link,
  noticeVersion: { id: s.version.id, textHash: s.version.textHash! },
  ip: null,
  userAgent: null,
  language: 'de',
  baseUrl: 'http://localhost',
});

const card = (name: string, ...tels: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, ...tels.map((t) => `TEL;TYPE=CELL:${t}`), 'END:VCARD'].join('\r\n');
// Stay (two numbers: one refused, one consented → stays), go, waiting, unknown, a card without a valid number.
const BOOK = new TextEncoder().encode(
  [
    card('Anna Bleibt', '0171 1000001', '+49 171 1000002'),
    card('Bernd Geht', '0049 171 1000003'),
    card('Clara Wartet', '+491711000004'),
    card('Dora Unbekannt', '0171 1000005'),
    card('Emil Ohne', 'abc'),
  ].join('\r\n') + '\r\n',
);

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('ab-store');
  other = await seedTenantWithLink('ab-other');
  owner = { tenantId: s.tenant.id, userId: s.owner.id, email: s.owner.email };
  const [u] = await withSystem((tx) => tx.insert(users).values({ email: 'admin@ab-store.example' }).returning());
  admin = { tenantId: s.tenant.id, userId: u!.id, email: u!.email };
  const decide = (doi: boolean, d: Parameters<typeof recordDecision>[2]) => withTenant(s.tenant.id, (tx) => recordDecision(tx, ctx(doi), d));
  await decide(false, { decision: 'opt_out', name: 'A', phoneE164: '+491711000001', idempotencyKey: randomUUID() });
  await decide(false, { decision: 'opt_in', name: 'A', phoneE164: '+491711000002', idempotencyKey: randomUUID() });
  await decide(false, { decision: 'opt_out', name: 'B', phoneE164: '+491711000003', idempotencyKey: randomUUID() });
  await decide(true, { decision: 'opt_in', name: 'C', phoneE164: '+491711000004', email: 'c@example.com', idempotencyKey: randomUUID() });
  // Another tenant's consent for Dora's number must not count here.
  await withTenant(other.tenant.id, (tx) =>
    recordDecision(tx, { ...ctx(false), tenant: { ...ctx(false).tenant, id: other.tenant.id, slug: other.tenant.slug }, link: other.link, noticeVersion: { id: other.version.id, textHash: other.version.textHash! } }, {
      decision: 'opt_in',
      name: 'D',
      phoneE164: '+491711000005',
      idempotencyKey: randomUUID(),
    }),
  );
});
afterAll(() => db.close());

const importRow = (id: string) => withSystem((tx) => tx.select().from(addressBookImports).where(eq(addressBookImports.id, id)));
const checkRow = async (id: string) => (await withSystem((tx) => tx.select().from(addressBookChecks).where(eq(addressBookChecks.id, id))))[0]!;
const audits = (id: string) => withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, s.tenant.id), eq(auditLog.targetId, id))));

describe('address-book import: storage, encryption, matching', () => {
  it('matches per number, stores the import sealed (no name or number readable at rest) and a check row without personal data', async () => {
    const { id } = await importAddressBook(owner, BOOK, 'DE');
    const imp = await withTenant(s.tenant.id, (tx) => loadImport(tx, owner, id));
    const lists = Object.fromEntries(imp!.payload.cards.map((c) => [c.name, c.list]));
    expect(lists).toEqual({ 'Anna Bleibt': 'stay', 'Bernd Geht': 'go', 'Clara Wartet': 'waiting', 'Dora Unbekannt': 'unknown', 'Emil Ohne': 'unknown' });
    const anna = imp!.payload.cards[0]!;
    expect(anna.numbers.map((n) => [n.e164, n.list, n.eventType])).toEqual([
      ['+491711000001', 'go', 'opt_out'],
      ['+491711000002', 'stay', 'opt_in'],
    ]);

    const [row] = await importRow(id);
    const raw = Buffer.from(row!.payload);
    for (const secret of ['Anna', 'Bleibt', '1711000001', 'VCARD']) expect(raw.includes(Buffer.from(secret))).toBe(false);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(24 * 3600 * 1000);

    const check = await checkRow(id);
    expect({ cards: check.cards, stay: check.stay, go: check.go, unknown: check.unknown, waiting: check.waiting }).toEqual({ cards: 5, stay: 1, go: 1, unknown: 2, waiting: 1 });
    expect(check.fileSha256).toBe(sha256Of(BOOK));
    expect(check.cleanedSha256).toBe(sha256Of(cleanedVcard(imp!.payload)));
    expect(check.noticeVersions).toEqual([{ noticeVersionId: s.version.id, cards: 1 }]);
    expect(JSON.stringify(check)).not.toMatch(/Anna|Bernd|1711000/);
    const [audit] = await audits(id);
    expect(audit!.action).toBe('address_book.import');
    expect(audit!.details).not.toMatch(/Anna|1711000/);
  });

  it('the sealed payload is bound to its tenant, import and member: changed or moved, it does not open', async () => {
    const { id } = await importAddressBook(owner, BOOK, 'DE');
    const [row] = await importRow(id);
    const c = { tenantId: s.tenant.id, importId: id, userId: owner.userId };
    expect(openPayload<ImportPayload>(row!.payload, c).cards).toHaveLength(5);
    const flipped = Buffer.from(row!.payload);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => openPayload(flipped, c)).toThrow();
    expect(() => openPayload(row!.payload, { ...c, userId: admin.userId })).toThrow();
    expect(() => openPayload(row!.payload, { ...c, importId: randomUUID() })).toThrow();
  });

  it('only the uploading member sees and finishes an import; the cleaned book holds exactly the consented cards', async () => {
    const { id } = await importAddressBook(owner, BOOK, 'DE');
    expect(await withTenant(s.tenant.id, (tx) => loadImport(tx, admin, id))).toBeNull();
    await expect(withTenant(s.tenant.id, (tx) => finishImport(tx, admin, id))).rejects.toMatchObject({ code: 'addressBook.importGone', status: 404 });
    expect(await withTenant(other.tenant.id, (tx) => loadImport(tx, { ...owner, tenantId: other.tenant.id }, id))).toBeNull();
    const imp = await withTenant(s.tenant.id, (tx) => loadImport(tx, owner, id));
    expect(cleanedVcard(imp!.payload)).toBe(card('Anna Bleibt', '0171 1000001', '+49 171 1000002') + '\r\n');
    const csv = removalCsv(imp!.payload, (t) => t);
    expect(csv.split('\r\n').filter(Boolean)).toEqual(['name,number,event,event_at,channel,all_numbers,line', expect.stringMatching(/^Bernd Geht,'\+491711000003,opt_out,20\d\d-/)]);
  });

  it('invite links: one single-use personal link per "not asked" card with a valid number, remembered in the import; audited by count', async () => {
    const { id } = await importAddressBook(owner, BOOK, 'DE');
    const created = await withTenant(s.tenant.id, async (tx) => createImportInvites(tx, owner, (await loadImport(tx, owner, id))!, { noticeId: s.noticeId, label: 'Adressbuch' }));
    expect(created).toBe(1); // Dora; Emil has no valid number
    const links = await withSystem((tx) => tx.select().from(inviteLinks).where(and(eq(inviteLinks.tenantId, s.tenant.id), eq(inviteLinks.label, 'Adressbuch'))));
    expect(links.map((l) => [l.prefillName, l.prefillPhone, l.maxUses])).toEqual([['Dora Unbekannt', '+491711000005', 1]]);
    const imp = await withTenant(s.tenant.id, (tx) => loadImport(tx, owner, id));
    expect(Object.values(imp!.payload.invites)).toEqual([links[0]!.token]);
    const again = await withTenant(s.tenant.id, async (tx) => createImportInvites(tx, owner, (await loadImport(tx, owner, id))!, { noticeId: s.noticeId, label: 'Adressbuch' }));
    expect(again).toBe(0);
    expect((await checkRow(id)).invites).toBe(1);
    const actions = (await audits(id)).map((a) => a.action).sort();
    expect(actions).toEqual(['address_book.import', 'address_book.invites', 'address_book.invites']);
    expect((await audits(id)).find((a) => a.action === 'address_book.invites')!.details).not.toMatch(/Dora|1711000005/);
  });

  it('finish deletes the import; the check keeps counts, dates and hashes; the DPO report data needs no import', async () => {
    const { id } = await importAddressBook(owner, BOOK, 'DE');
    await withTenant(s.tenant.id, (tx) => finishImport(tx, owner, id));
    expect(await importRow(id)).toEqual([]);
    const check = await checkRow(id);
    expect(check.closedReason).toBe('finished');
    expect(check.stay).toBe(1);
    expect((await audits(id)).map((a) => a.action).sort()).toEqual(['address_book.finish', 'address_book.import']);
    const pdf = await withTenant(s.tenant.id, (tx) => gatherCheckPdf(tx, s.tenant.id, id));
    expect(pdf!.notices).toEqual([expect.objectContaining({ id: s.version.id, version: 1, cards: 1 })]);
    expect(await withTenant(other.tenant.id, (tx) => gatherCheckPdf(tx, other.tenant.id, id))).toBeNull();
  });
});

describe('address-book retention: 24 hours at the latest', () => {
  it('the lazy sweep (tenant scope) deletes imports older than 24 h, marks their checks expired, writes an audit row', async () => {
    const old = await importAddressBook(owner, BOOK, 'DE', new Date(Date.now() - 24 * 3600 * 1000 - 1000));
    const fresh = await importAddressBook(owner, BOOK, 'DE', new Date(Date.now() - 23 * 3600 * 1000));
    expect(await withTenant(s.tenant.id, (tx) => loadImport(tx, owner, old.id))).toBeNull(); // past its time even before the sweep
    expect(await withTenant(s.tenant.id, (tx) => sweepExpiredImports(tx))).toBeGreaterThanOrEqual(1);
    expect(await importRow(old.id)).toEqual([]);
    expect(await importRow(fresh.id)).toHaveLength(1);
    expect((await checkRow(old.id)).closedReason).toBe('expired');
    expect((await audits(old.id)).map((a) => a.action).sort()).toEqual(['address_book.expire', 'address_book.import']);
  });

  it('the worker sweep reaches every tenant', async () => {
    const a = await importAddressBook(owner, BOOK, 'DE', new Date(Date.now() - 25 * 3600 * 1000));
    const b = await importAddressBook({ tenantId: other.tenant.id, userId: other.owner.id, email: other.owner.email }, BOOK, 'DE', new Date(Date.now() - 25 * 3600 * 1000));
    expect(await sweepAllExpiredImports()).toBe(2);
    expect([...(await importRow(a.id)), ...(await importRow(b.id))]).toEqual([]);
  });
});

describe('address-book input limits and access', () => {
  it('a file that is not a contact file stores nothing', async () => {
    const before = await withSystem((tx) => tx.select().from(addressBookChecks));
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0xff, 0xfe, 0, 1, 2, 3]);
    await expect(importAddressBook(owner, zip, 'DE')).rejects.toMatchObject({ code: 'addressBook.notAContactFile', status: 422 });
    await expect(importAddressBook(owner, new Uint8Array(), 'DE')).rejects.toBeInstanceOf(DomainError);
    expect(await withSystem((tx) => tx.select().from(addressBookChecks))).toHaveLength(before.length);
  });

  it('the upload body is read as a stream and cut off at the limit (a 50 MB body is never read whole)', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += 1;
        if (pulled > 50) c.close();
        else c.enqueue(chunk);
      },
    });
    await expect(readBodyLimited(body, 10 * 1024 * 1024)).rejects.toMatchObject({ code: 'addressBook.tooLarge', status: 413 });
    expect(pulled).toBeLessThanOrEqual(12);
  });

  it('permissions: owner and admin use it, dpo only sees checks and the report, sales nothing', () => {
    expect(['owner', 'admin', 'dpo', 'sales'].map((r) => can(r as 'owner', 'addressBook.use'))).toEqual([true, true, false, false]);
    expect(['owner', 'admin', 'dpo', 'sales'].map((r) => can(r as 'owner', 'addressBook.checks'))).toEqual([true, true, true, false]);
  });
});
