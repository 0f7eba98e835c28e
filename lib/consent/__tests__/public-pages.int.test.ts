import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inviteLinks } from '@/db/schema';
import { withTenant } from '@/lib/db/with-tenant';
import { loadLinkView } from '@/lib/consent/link-view';
import { flushLinkOpens, isPreviewFetcher, pendingLinkOpens } from '@/lib/links/link-opens';
import { revokeLink } from '@/lib/links/revoke-link';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';

vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-einw-client-ip': '198.51.100.20' }) }));
const { GET } = await import('@/app/(public)/c/[tenant]/[token]/route');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('opens-a');
}, 180_000);
afterAll(async () => db.close());

const BROWSER = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36';
const PREVIEWS = [
  'WhatsApp/2.23.20.0 A',
  'TelegramBot (like TwitterBot)',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'facebookexternalhit/1.1 Facebot Twitterbot/1.0', // iMessage
  'Twitterbot/1.0',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  '',
];

function open(userAgent: string, query = '') {
  const request = new Request(`http://localhost/c/${s.tenant.slug}/${s.token}${query}`, { headers: { 'user-agent': userAgent } });
  return GET(request, { params: Promise.resolve({ tenant: s.tenant.slug, token: s.token }) });
}
const opensInDb = () => withTenant(s.tenant.id, async (tx) => (await tx.select({ opens: inviteLinks.opens }).from(inviteLinks).where(eq(inviteLinks.id, s.linkId)))[0]!.opens);

describe('link opens: batched in memory, one write per flush, no preview fetchers', () => {
  it('N page views of the first step write nothing until the flush, which writes N', async () => {
    const N = 7;
    for (let i = 0; i < N; i++) expect((await open(BROWSER)).status).toBe(200);
    // Later steps are not opens.
    expect((await open(BROWSER, '?step=notice')).status).toBe(200);
    expect(await opensInDb()).toBe(0);
    expect(pendingLinkOpens()).toBe(N);
    expect(await flushLinkOpens()).toBe(N);
    expect(await opensInDb()).toBe(N);
    expect(await flushLinkOpens()).toBe(0);
    expect(await opensInDb()).toBe(N);
  });

  it('link-preview fetchers (WhatsApp, Telegram, Slack, iMessage, Twitter, Discord, none) are not counted', async () => {
    for (const ua of PREVIEWS) {
      expect(isPreviewFetcher(ua), ua).toBe(true);
      expect((await open(ua)).status).toBe(200);
    }
    expect(pendingLinkOpens()).toBe(0);
    expect(await flushLinkOpens()).toBe(0);
    expect(await opensInDb()).toBe(7);
    expect(isPreviewFetcher(BROWSER)).toBe(false);
  });
});

describe('the per-instance view cache', () => {
  it('serves the link from memory, and a revocation on this instance shows at once (not after the TTL)', async () => {
    expect((await loadLinkView(s.tenant.slug, s.token, 'de')).status).toBe('active');
    // A change behind the cache's back (another instance) is not seen within the TTL…
    await withTenant(s.tenant.id, (tx) => tx.update(inviteLinks).set({ prefillName: 'Changed elsewhere' }).where(eq(inviteLinks.id, s.linkId)));
    expect((await loadLinkView(s.tenant.slug, s.token, 'de')).link.prefillName).toBeNull();
    // …a revocation through the use case is.
    await withTenant(s.tenant.id, (tx) => revokeLink(tx, { tenantId: s.tenant.id, userId: s.owner.id, email: s.owner.email }, s.linkId));
    expect((await loadLinkView(s.tenant.slug, s.token, 'de')).status).toBe('revoked');
    const page = await (await open(BROWSER)).text();
    expect(page).toContain('Dieser Link ist nicht mehr gültig');
    expect(page).not.toContain('<script');
  });
});
