import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consentEvents, contacts, inviteLinks, noticeVersions, privacyNotices, users } from '@/db/schema';
import type { Tx } from '@/db';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { createTenant } from '@/lib/tenants/create-tenant';
import { fieldErrorsOf } from '@/lib/validation';
import { createLink } from '../create-link';
import { getLink } from '../get-link';
import { listLinks } from '../list-links';
import { listPublishableNotices } from '../list-publishable-notices';
import { revokeLink } from '../revoke-link';
import { createLinkSchema, type CreateLinkInput } from '../schemas';
import { deriveToken, tokenHash } from '../token';

let db: Awaited<ReturnType<typeof createTestDb>>;
type Actor = { tenantId: string; userId: string; email: string };
let a: Actor;
let b: Actor;
let noticeA: string; // published
let draftA: string; // draft only
let noticeB: string; // published, other tenant

async function insertNotice(tx: Tx, tenantId: string, name: string, published: boolean): Promise<string> {
  const [n] = await tx.insert(privacyNotices).values({ tenantId, name }).returning({ id: privacyNotices.id });
  await tx.insert(noticeVersions).values({
    tenantId,
    noticeId: n!.id,
    version: 1,
    status: published ? 'published' : 'draft',
    title: name,
    body: 'Wir nutzen WhatsApp, um Sie zu kontaktieren.',
    purpose: 'Kontakt per WhatsApp',
    textHash: published ? 'a'.repeat(64) : null,
    publishedAt: published ? new Date() : null,
  });
  return n!.id;
}

const input = (over: Partial<CreateLinkInput> & { noticeId: string }): CreateLinkInput => ({
  label: null,
  expiresAt: null,
  maxUses: null,
  prefillName: null,
  prefillPhone: null,
  ...over,
});

beforeAll(async () => {
  db = await createTestDb();
  await withSystem(async (tx) => {
    const [ua, ub] = await tx
      .insert(users)
      .values([{ email: 'sales@a.example' }, { email: 'owner@b.example' }])
      .returning();
    a = { tenantId: (await createTenant(tx, ua!.id, { name: 'A GmbH', slug: 'firma-a' })).id, userId: ua!.id, email: ua!.email };
    b = { tenantId: (await createTenant(tx, ub!.id, { name: 'B GmbH', slug: 'firma-b' })).id, userId: ub!.id, email: ub!.email };
  });
  noticeA = await withTenant(a.tenantId, (tx) => insertNotice(tx, a.tenantId, 'WhatsApp-Kommunikation', true));
  draftA = await withTenant(a.tenantId, (tx) => insertNotice(tx, a.tenantId, 'Entwurf', false));
  noticeB = await withTenant(b.tenantId, (tx) => insertNotice(tx, b.tenantId, 'B-Hinweis', true));
});
afterAll(() => db.close());

const linkRows = (tenantId: string) => withTenant(tenantId, (tx) => tx.select().from(inviteLinks));
const auditActions = async (tenantId: string) =>
  (await withTenant(tenantId, (tx) => tx.select().from(auditLog))).map((r) => r.action).filter((x) => x.startsWith('link.'));

describe(`invite links (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lists only notices with a published version', async () => {
    const notices = await withTenant(a.tenantId, (tx) => listPublishableNotices(tx, a.tenantId));
    expect(notices).toEqual([{ id: noticeA, name: 'WhatsApp-Kommunikation' }]);
  });

  it('creates a link with a random token stored beside its hash, with an audit row', async () => {
    const parsed = createLinkSchema.parse({
      noticeId: noticeA,
      label: '',
      singleUse: 'on',
      prefillName: 'Erika Muster',
      prefillPhone: '0171 1234567',
    });
    const { id } = await withTenant(a.tenantId, (tx) => createLink(tx, a, parsed));
    const [row] = (await linkRows(a.tenantId)).filter((r) => r.id === id);
    expect(row!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row!.tokenHash).toBe(tokenHash(row!.token!));
    expect(row!.token).not.toBe(deriveToken('invite', id));
    expect(row).toMatchObject({
      label: a.email,
      maxUses: 1,
      uses: 0,
      prefillName: 'Erika Muster',
      prefillPhone: '+491711234567',
      createdBy: a.userId,
    });
    const audit = await withTenant(a.tenantId, (tx) => tx.select().from(auditLog).where(eq(auditLog.targetId, id)));
    expect(audit.map((r) => r.action)).toEqual(['link.create']);
    expect(audit[0]!.details).not.toContain('1711234567'); // no personal data in the audit log
  });

  it("refuses a notice without a published version and another tenant's notice; writes nothing", async () => {
    const before = { links: (await linkRows(a.tenantId)).length, audit: (await auditActions(a.tenantId)).length };
    for (const noticeId of [draftA, noticeB, crypto.randomUUID()]) {
      await expect(withTenant(a.tenantId, (tx) => createLink(tx, a, input({ noticeId })))).rejects.toMatchObject({
        code: 'links.errors.noticeNotPublished',
        status: 422,
      });
    }
    expect((await linkRows(a.tenantId)).length).toBe(before.links);
    expect((await auditActions(a.tenantId)).length).toBe(before.audit);
    expect(await withSystem((tx) => tx.select().from(inviteLinks).where(eq(inviteLinks.tenantId, b.tenantId)))).toHaveLength(0);
  });

  it('revokes a link; another tenant can neither revoke, see nor list it', async () => {
    const { id } = await withTenant(a.tenantId, (tx) => createLink(tx, a, input({ noticeId: noticeA, label: 'Messe' })));
    await expect(withTenant(b.tenantId, (tx) => revokeLink(tx, b, id))).rejects.toMatchObject({ code: 'notFound', status: 404 });
    await expect(withTenant(a.tenantId, (tx) => revokeLink(tx, a, crypto.randomUUID()))).rejects.toMatchObject({ code: 'notFound' });
    // Even with A's tenant id in the query, B's transaction sees nothing (RLS).
    expect(await withTenant(b.tenantId, (tx) => listLinks(tx, a.tenantId))).toEqual([]);
    expect(await withTenant(b.tenantId, (tx) => getLink(tx, a.tenantId, id))).toBeNull();
    expect(await withTenant(b.tenantId, (tx) => listLinks(tx, b.tenantId))).toEqual([]);
    expect((await linkRows(a.tenantId)).find((r) => r.id === id)!.revokedAt).toBeNull();

    expect(await withTenant(a.tenantId, (tx) => revokeLink(tx, a, id))).toEqual({ id, alreadyRevoked: false });
    expect(await withTenant(a.tenantId, (tx) => revokeLink(tx, a, id))).toEqual({ id, alreadyRevoked: true });
    expect((await linkRows(a.tenantId)).find((r) => r.id === id)!.revokedAt).toBeInstanceOf(Date);
    const audit = await withTenant(a.tenantId, (tx) => tx.select().from(auditLog).where(eq(auditLog.targetId, id)));
    expect(audit.map((r) => r.action).sort()).toEqual(['link.create', 'link.revoke']);
    expect(await withTenant(a.tenantId, (tx) => getLink(tx, a.tenantId, id))).toMatchObject({ id, label: 'Messe' });
  });

  it('computes each status and counts opens and decisions per link, newest first', async () => {
    const create = (label: string, over: Partial<CreateLinkInput> = {}) =>
      withTenant(a.tenantId, (tx) => createLink(tx, a, input({ noticeId: noticeA, label, ...over })));
    const expired = await create('expired', { expiresAt: new Date(Date.now() - 1000) });
    const exhausted = await create('exhausted', { maxUses: 2 });
    const revoked = await create('revoked', { expiresAt: new Date(Date.now() - 1000), maxUses: 1 });
    const active = await create('active', { expiresAt: new Date(Date.now() + 86_400_000), maxUses: 5 });
    await withTenant(a.tenantId, async (tx) => {
      await tx.update(inviteLinks).set({ uses: 2 }).where(eq(inviteLinks.id, exhausted.id));
      await tx.update(inviteLinks).set({ uses: 1 }).where(eq(inviteLinks.id, revoked.id));
      await tx.update(inviteLinks).set({ opens: 7, uses: 3 }).where(eq(inviteLinks.id, active.id));
      await revokeLink(tx, a, revoked.id);
      // Ledger rows as the consent flow will write them: two opt-ins and one opt-out through `active`.
      const [c] = await tx.insert(contacts).values({ tenantId: a.tenantId, status: 'opted_in' }).returning({ id: contacts.id });
      const events = (['opt_in', 'opt_out', 'opt_in', 'withdrawn'] as const).map((type, i) => ({
        tenantId: a.tenantId,
        seq: i + 1,
        canonVersion: 1,
        type,
        contactId: c!.id,
        linkId: type === 'withdrawn' ? null : active.id,
        language: 'de' as const,
        idempotencyKey: `k${i}`,
        occurredAt: sql`now()`,
        prevHash: i === 0 ? '0'.repeat(64) : `${i - 1}`.padStart(64, '0'),
        hash: `${i}`.padStart(64, '0'),
      }));
      await tx.insert(consentEvents).values(events);
    });

    const list = await withTenant(a.tenantId, (tx) => listLinks(tx, a.tenantId));
    const byId = new Map(list.map((l) => [l.id, l]));
    expect(byId.get(expired.id)!.status).toBe('expired');
    expect(byId.get(exhausted.id)!.status).toBe('exhausted');
    expect(byId.get(revoked.id)!.status).toBe('revoked');
    expect(byId.get(active.id)).toMatchObject({
      status: 'active',
      opens: 7,
      uses: 3,
      maxUses: 5,
      optIns: 2,
      optOuts: 1,
      noticeName: 'WhatsApp-Kommunikation',
    });
    expect(byId.get(expired.id)).toMatchObject({ optIns: 0, optOuts: 0, opens: 0 });
    expect(list.every((l) => l.noticeId === noticeA)).toBe(true);
    const times = list.map((l) => l.createdAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(list).toHaveLength(6);
  });

  it('rejects bad input at the boundary with every field error at once', () => {
    const res = createLinkSchema.safeParse({
      noticeId: 'not-a-uuid',
      label: 'x'.repeat(10_000),
      expiresAt: '2020-01-01',
      maxUses: '0',
      prefillName: 'y'.repeat(121),
      prefillPhone: '12345',
    });
    expect(res.success).toBe(false);
    expect(fieldErrorsOf(res.error!)).toEqual({
      noticeId: 'links.fieldErrors.noticeRequired',
      label: 'tooLong',
      expiresAt: 'links.fieldErrors.expiryPast',
      maxUses: 'links.fieldErrors.maxUses',
      prefillName: 'tooLong',
      prefillPhone: 'phone',
    });
    const more = [
      { maxUses: '100001' },
      { maxUses: '2.5' },
      { maxUses: 'viele' },
      { expiresAt: '2099-02-30' },
      { expiresAt: 'morgen' },
      { prefillPhone: 'abc' },
    ];
    for (const bad of more) expect(createLinkSchema.safeParse({ noticeId: noticeA, ...bad }).success, JSON.stringify(bad)).toBe(false);
    expect(createLinkSchema.safeParse({}).success).toBe(false);
  });
});
