import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inviteLinks } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';

// AUTH_SECRET as the token code sees it, switchable mid-test: a rotation after a leak, or a seed run with another secret.
const secret = vi.hoisted(() => ({ current: 'secret-before-rotation' }));
vi.mock('@/lib/config', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/config')>()), authSecret: () => secret.current }));

const { createLink } = await import('../create-link');
const { getLink } = await import('../get-link');
const { backfillLinkTokens } = await import('../link-token');
const { inviteUrl } = await import('../link-url');
const { listLinks } = await import('../list-links');
const { resolveInviteLink } = await import('../resolve-link');
const { createLinkSchema } = await import('../schemas');
const { deriveToken, tokenHash } = await import('../token');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('rotation');
});
afterAll(() => db.close());

/** A link as written before migration 0003: no stored token, the hash of the token derived from the secret of then. */
async function insertLegacyLink(label: string): Promise<{ id: string; printedUrl: string }> {
  const id = randomUUID();
  const token = deriveToken('invite', id);
  await withTenant(s.tenant.id, (tx) => tx.insert(inviteLinks).values({ tenantId: s.tenant.id, id, noticeId: s.noticeId, label, tokenHash: tokenHash(token), createdBy: s.owner.id }));
  return { id, printedUrl: inviteUrl(s.tenant.slug, token) };
}

const shownUrls = async () =>
  Object.fromEntries((await withTenant(s.tenant.id, (tx) => listLinks(tx, s.tenant.id))).map((l) => [l.id, l.token ? inviteUrl(s.tenant.slug, l.token) : null]));

/** Whether a URL the dashboard showed (or someone printed) opens the consent page of `linkId`. */
async function resolves(url: string, linkId: string): Promise<boolean> {
  const [slug, token] = new URL(url).pathname.split('/').slice(2);
  const found = await withSystem((tx) => resolveInviteLink(tx, slug!, token!)).catch(() => null);
  return found?.link.id === linkId;
}

describe('invite links survive an AUTH_SECRET rotation', () => {
  it('new links: random stored token; shown and printed URLs resolve before and after the rotation', async () => {
    secret.current = 'secret-before-rotation';
    const actor = { tenantId: s.tenant.id, userId: s.owner.id, email: s.owner.email };
    const { id } = await withTenant(s.tenant.id, (tx) => createLink(tx, actor, createLinkSchema.parse({ noticeId: s.noticeId, label: 'Flyer' })));
    const [row] = await withTenant(s.tenant.id, (tx) => tx.select().from(inviteLinks).where(eq(inviteLinks.id, id)));
    expect(row!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row!.tokenHash).toBe(tokenHash(row!.token!));
    expect(row!.token).not.toBe(deriveToken('invite', id)); // random, not derived from the secret

    // Legacy links: one the server start backfills before the rotation, one it never saw.
    const legacyKept = await insertLegacyLink('Alt, vor dem Start');
    await withSystem((tx) => backfillLinkTokens(tx));
    const legacyLate = await insertLegacyLink('Alt, nach dem Start');

    const before = await shownUrls();
    const printed = { [id]: before[id]!, [legacyKept.id]: legacyKept.printedUrl, [legacyLate.id]: legacyLate.printedUrl };
    expect(before[legacyKept.id]).toBe(legacyKept.printedUrl);
    expect(before[legacyLate.id]).toBe(legacyLate.printedUrl); // derived lazily while the secret still matches

    secret.current = 'secret-after-rotation';

    const after = await shownUrls();
    expect(after[id]).toBe(before[id]); // the dashboard shows the same URL
    expect(after[legacyKept.id]).toBe(legacyKept.printedUrl);
    expect(after[legacyLate.id]).toBeNull(); // cannot be shown again (the dashboard says so)…
    expect((await withTenant(s.tenant.id, (tx) => getLink(tx, s.tenant.id, legacyLate.id)))?.token).toBeNull(); // …nor as a QR code
    for (const [linkId, url] of Object.entries(printed)) expect(await resolves(url, linkId), url).toBe(true); // every printed URL still works
    for (const [linkId, url] of Object.entries(after)) if (url) expect(await resolves(url, linkId), url).toBe(true);

    // A backfill under the new secret leaves the unmatched link alone (it keeps working by hash).
    expect(await withSystem((tx) => backfillLinkTokens(tx))).toEqual({ stored: 0, unshowable: 1 });
    expect(await resolves(legacyLate.printedUrl, legacyLate.id)).toBe(true);
  });
});
