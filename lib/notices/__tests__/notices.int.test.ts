import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, noticeVersions, privacyNotices, users } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { createTenant } from '@/lib/tenants/create-tenant';
import { fieldErrorsOf } from '@/lib/validation';
import { createNotice } from '../create-notice';
import { findPublishedVersion } from '../find-published-version';
import { getNotice } from '../get-notice';
import { listNotices } from '../list-notices';
import { publishVersion } from '../publish-version';
import { saveDraft } from '../save-draft';
import { createNoticeSchema, DEFAULT_LEGAL_BASIS, publishVersionSchema, saveDraftSchema } from '../schemas';
import { noticeTextHash } from '../text-hash';

let db: Awaited<ReturnType<typeof createTestDb>>;
let a: { tenantId: string; userId: string };
let b: { tenantId: string; userId: string };

beforeAll(async () => {
  db = await createTestDb();
  await withSystem(async (tx) => {
    const [ua, ub] = await tx.insert(users).values([{ email: 'a@firma.example' }, { email: 'b@andere.example' }]).returning();
    // Publishing needs the controller in the profile (name, address, a contact): both tenants have it.
    const controller = { address: 'Musterweg 1, 10115 Berlin', contactPhone: '+49 30 123456' };
    a = { userId: ua!.id, tenantId: (await createTenant(tx, ua!.id, { name: 'Firma A', slug: 'firma-a' }, controller)).id };
    b = { userId: ub!.id, tenantId: (await createTenant(tx, ub!.id, { name: 'Firma B', slug: 'firma-b' }, controller)).id };
  });
});
afterAll(() => db.close());

const draft = (over: Record<string, unknown> = {}) =>
  createNoticeSchema.parse({ name: 'WhatsApp', language: 'de', title: 'Datenschutz', body: '# Hinweis\n\nWir speichern Ihre Nummer.', ...over });

const versionsOf = (tenantId: string, noticeId: string) =>
  withTenant(tenantId, (tx) => tx.select().from(noticeVersions).where(eq(noticeVersions.noticeId, noticeId)).orderBy(noticeVersions.version));

const auditActions = async (tenantId: string) =>
  (await withTenant(tenantId, (tx) => tx.select().from(auditLog))).map((r) => r.action).filter((x) => x.startsWith('notice'));

describe('privacy notices', () => {
  it('creates version 1 as a draft with the default purpose and legal basis', async () => {
    const { id } = await withTenant(a.tenantId, (tx) => createNotice(tx, a, draft()));
    const [v1] = await versionsOf(a.tenantId, id);
    expect(v1).toMatchObject({ version: 1, status: 'draft', language: 'de', purpose: 'Kommunikation über WhatsApp mit Firma A', legalBasis: DEFAULT_LEGAL_BASIS, textHash: null });
    const en = await withTenant(a.tenantId, (tx) => createNotice(tx, a, draft({ language: 'en', purpose: '' })));
    expect((await versionsOf(a.tenantId, en.id))[0]!.purpose).toBe('Communication via WhatsApp with Firma A');
  });

  it('draft → publish → edit creates version 2 and leaves version 1 byte-identical', async () => {
    const before = await auditActions(a.tenantId);
    const { id } = await withTenant(a.tenantId, (tx) => createNotice(tx, a, draft()));
    // Editing the open draft updates it in place.
    const saved = await withTenant(a.tenantId, (tx) => saveDraft(tx, a, saveDraftSchema.parse({ noticeId: id, language: 'de', title: 'Datenschutz', body: 'Text v1' })));
    expect(saved).toMatchObject({ version: 1, created: false });

    const [v1] = await versionsOf(a.tenantId, id);
    const pub = await withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId: v1!.id, expectedHash: noticeTextHash(v1!) }));
    const [published] = await versionsOf(a.tenantId, id);
    expect(published).toMatchObject({ status: 'published', textHash: noticeTextHash({ ...v1!, body: 'Text v1' }) });
    expect(published!.textHash).toBe(pub.textHash);
    expect(published!.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(published!.publishedAt).toBeInstanceOf(Date);

    const v2 = await withTenant(a.tenantId, (tx) => saveDraft(tx, a, saveDraftSchema.parse({ noticeId: id, language: 'de', title: 'Datenschutz', body: 'Text v2' })));
    expect(v2).toMatchObject({ version: 2, created: true });
    // Saving again edits version 2, not a third.
    await withTenant(a.tenantId, (tx) => saveDraft(tx, a, saveDraftSchema.parse({ noticeId: id, language: 'de', title: 'Datenschutz', body: 'Text v2b' })));
    const rows = await versionsOf(a.tenantId, id);
    expect(rows.map((r) => [r.version, r.status, r.body])).toEqual([
      [1, 'published', 'Text v1'],
      [2, 'draft', 'Text v2b'],
    ]);
    expect(rows[0]).toEqual(published);
    const listed = (await withTenant(a.tenantId, (tx) => listNotices(tx, a.tenantId))).find((n) => n.id === id)!;
    expect(listed.latest).toEqual([expect.objectContaining({ language: 'de', version: 2, status: 'draft', publishedVersion: 1 })]);

    // Publishing the same version twice is refused; the audit log has every step.
    await expect(withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId: v1!.id }))).rejects.toMatchObject({
      code: 'notices.errors.alreadyPublished',
      status: 409,
    });
    expect((await auditActions(a.tenantId)).slice(before.length).sort()).toEqual(
      ['notice.create', 'notice.draft.create', 'notice.draft.update', 'notice.draft.update', 'notice.publish'].sort(),
    );
  });

  it('refuses a publish when the draft changed since the publisher saw it, and an unchanged new draft', async () => {
    const { id, versionId } = await withTenant(a.tenantId, (tx) => createNotice(tx, a, draft()));
    const [seen] = await versionsOf(a.tenantId, id);
    await withTenant(a.tenantId, (tx) => saveDraft(tx, a, saveDraftSchema.parse({ noticeId: id, language: 'de', title: 'Datenschutz', body: 'geändert' })));
    await expect(
      withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId, expectedHash: noticeTextHash(seen!) })),
    ).rejects.toMatchObject({ code: 'notices.errors.changedSinceView' });
    expect((await versionsOf(a.tenantId, id))[0]!.status).toBe('draft');

    const [now] = await versionsOf(a.tenantId, id);
    await withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId }));
    await expect(
      withTenant(a.tenantId, (tx) =>
        saveDraft(tx, a, saveDraftSchema.parse({ noticeId: id, language: 'de', title: now!.title, body: now!.body, purpose: now!.purpose, legalBasis: now!.legalBasis })),
      ),
    ).rejects.toMatchObject({ code: 'notices.errors.unchanged', status: 409 });
    expect(await versionsOf(a.tenantId, id)).toHaveLength(1);
  });

  it('refuses a direct UPDATE or DELETE of a published version in the database, even as owner', async () => {
    const { id, versionId } = await withTenant(a.tenantId, (tx) => createNotice(tx, a, draft()));
    await withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId }));
    const where = and(eq(noticeVersions.tenantId, a.tenantId), eq(noticeVersions.id, versionId));
    // The trigger's own message, so this is not some other failure (a permission or a syntax error).
    const refusal = async (p: Promise<unknown>) => {
      const err = await p.then(() => null, (e: unknown) => e as Error & { cause?: Error });
      return String(err?.cause?.message ?? err?.message);
    };
    expect(await refusal(withSystem((tx) => tx.update(noticeVersions).set({ body: 'manipuliert' }).where(where)))).toMatch(/published and immutable/);
    expect(await refusal(withTenant(a.tenantId, (tx) => tx.update(noticeVersions).set({ body: 'manipuliert' }).where(where)))).toMatch(/published and immutable/);
    expect(await refusal(withSystem((tx) => tx.delete(noticeVersions).where(where)))).toMatch(/published and immutable/);
    const [row] = await versionsOf(a.tenantId, id);
    expect(row!.body).toBe(draft().body);
  });

  it('finds the newest published version in the language, else in any language, else null', async () => {
    const { id, versionId } = await withTenant(a.tenantId, (tx) => createNotice(tx, a, draft()));
    const find = (lang: 'de' | 'en', tenantId = a.tenantId) => withTenant(tenantId, (tx) => findPublishedVersion(tx, tenantId, id, lang));
    expect(await find('de')).toBeNull(); // only a draft

    await withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId }));
    expect(await find('en')).toMatchObject({ version: 1, language: 'de' }); // fallback to German

    const en = await withTenant(a.tenantId, (tx) => saveDraft(tx, a, saveDraftSchema.parse({ noticeId: id, language: 'en', title: 'Privacy', body: 'We store your number.' })));
    expect(en).toMatchObject({ version: 2, created: true });
    expect(await find('en')).toMatchObject({ version: 1, language: 'de' }); // drafts are never shown
    await withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId: en.versionId }));
    expect(await find('en')).toMatchObject({ version: 2, language: 'en' });

    const de3 = await withTenant(a.tenantId, (tx) => saveDraft(tx, a, saveDraftSchema.parse({ noticeId: id, language: 'de', title: 'Datenschutz', body: 'Neu' })));
    expect(de3.version).toBe(3);
    await withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId: de3.versionId }));
    expect(await find('de')).toMatchObject({ version: 3, language: 'de', body: 'Neu' });
    expect(await find('en')).toMatchObject({ version: 2, language: 'en' });
    expect(await find('de', b.tenantId)).toBeNull(); // another tenant sees nothing

    const list = await withTenant(a.tenantId, (tx) => listNotices(tx, a.tenantId));
    const item = list.find((n) => n.id === id)!;
    expect(item.latest.map((v) => [v.language, v.version, v.status])).toEqual([
      ['de', 3, 'published'],
      ['en', 2, 'published'],
    ]);
  });

  it("keeps tenant B out of tenant A's notices (not found, nothing written)", async () => {
    const { id, versionId } = await withTenant(a.tenantId, (tx) => createNotice(tx, a, draft()));
    const notFound = { code: 'notFound', status: 404 };
    await expect(withTenant(b.tenantId, (tx) => getNotice(tx, b.tenantId, id))).rejects.toMatchObject(notFound);
    // Even naming A's tenant id inside B's transaction finds nothing: RLS filters by the transaction's tenant.
    await expect(withTenant(b.tenantId, (tx) => getNotice(tx, a.tenantId, id))).rejects.toMatchObject(notFound);
    await expect(withTenant(b.tenantId, (tx) => publishVersion(tx, b, { noticeId: id, versionId }))).rejects.toMatchObject(notFound);
    await expect(
      withTenant(b.tenantId, (tx) => saveDraft(tx, b, saveDraftSchema.parse({ noticeId: id, language: 'de', title: 'x', body: 'y' }))),
    ).rejects.toMatchObject(notFound);
    expect(await withTenant(b.tenantId, (tx) => listNotices(tx, b.tenantId))).toEqual([]);
    expect(await withTenant(b.tenantId, (tx) => findPublishedVersion(tx, b.tenantId, id, 'de'))).toBeNull();
    const rows = await versionsOf(a.tenantId, id);
    expect(rows.map((r) => [r.version, r.status])).toEqual([[1, 'draft']]);
    expect(await auditActions(b.tenantId)).toEqual([]);
    expect(versionId).toBe(rows[0]!.id);
  });

  it('rejects bad input at the boundary and writes nothing', async () => {
    const count = async () => (await withTenant(a.tenantId, (tx) => tx.select().from(privacyNotices))).length;
    const n = await count();
    const bad = createNoticeSchema.safeParse({ name: '', language: 'fr', title: '   ', body: 'x'.repeat(30_000), purpose: 'p'.repeat(301) });
    expect(bad.success).toBe(false);
    expect(fieldErrorsOf(bad.error!)).toEqual({ name: 'required', language: 'invalid', title: 'required', body: 'tooLong', purpose: 'tooLong' });
    expect(saveDraftSchema.safeParse({ noticeId: 'not-a-uuid', language: 'de', title: 'x', body: 'y' }).success).toBe(false);
    const publish = publishVersionSchema.safeParse({ noticeId: crypto.randomUUID(), versionId: crypto.randomUUID() });
    expect(fieldErrorsOf(publish.error!)).toEqual({ confirm: 'notices.errors.confirmRequired' });
    expect(await count()).toBe(n);
  });

  it('refuses to publish a draft with template placeholders left, naming them', async () => {
    const { id, versionId } = await withTenant(a.tenantId, (tx) => createNotice(tx, a, draft({ body: 'Verantwortlich: [[Anschrift]]\n\nBehörde: [[Aufsichtsbehörde]]' })));
    await expect(withTenant(a.tenantId, (tx) => publishVersion(tx, a, { noticeId: id, versionId }))).rejects.toMatchObject({
      code: 'notices.errors.unfilledPlaceholders',
      fieldErrors: { placeholders: '[[Anschrift]]\n[[Aufsichtsbehörde]]' },
    });
    expect((await versionsOf(a.tenantId, id))[0]!.status).toBe('draft');
  });

  it('refuses to publish while the company profile lacks the controller address and a contact', async () => {
    const c = await withSystem(async (tx) => {
      const [u] = await tx.insert(users).values({ email: 'c@firma.example' }).returning();
      return { userId: u!.id, tenantId: (await createTenant(tx, u!.id, { name: 'Firma C', slug: 'firma-c' })).id };
    });
    const { id, versionId } = await withTenant(c.tenantId, (tx) => createNotice(tx, c, draft()));
    await expect(withTenant(c.tenantId, (tx) => publishVersion(tx, c, { noticeId: id, versionId }))).rejects.toMatchObject({
      code: 'notices.errors.controllerIncomplete',
      fieldErrors: { controller: 'address contact' },
    });
  });
});
