import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, consentEvents, contactIdentities, contacts, memberships, users } from '@/db/schema';
import type { MemberContext } from '@/lib/auth/member-context';
import type { Role } from '@/lib/auth/permissions';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { decisionSchema } from '../schemas';
import { submitDecision } from '../submit-decision';

// Issue #16, erasure and access through their entry points: the personal page (plain HTML forms, confirmation step,
// POST only), the DPO's dashboard action (permission, reason, audit row), the access downloads (JSON, PDF).

vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-einw-client-ip': '198.51.100.30' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const member = vi.hoisted(() => ({ ctx: null as MemberContext | null }));
vi.mock('@/lib/auth/member-context', () => ({ currentMember: async () => member.ctx, requireUser: async () => ({ id: member.ctx!.userId, email: member.ctx!.email }) }));

const erasePage = await import('@/app/(public)/c/[tenant]/p/[token]/erase/route');
const erasedPage = await import('@/app/(public)/c/[tenant]/erased/route');
const personalPage = await import('@/app/(public)/c/[tenant]/p/[token]/route');
const dataJson = await import('@/app/(public)/c/[tenant]/p/[token]/data.json/route');
const dataPdf = await import('@/app/(public)/c/[tenant]/p/[token]/data.pdf/route');
const { eraseContactAction } = await import('@/app/(dashboard)/dashboard/ledger/erase-actions');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
let base: MemberContext;

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = '1'; // as next.config's authInterrupts sets it: forbidden() throws its 403
  db = await createTestDb();
  s = await seedTenantWithLink('erase-flow');
  base = { userId: s.owner.id, email: s.owner.email, tenantId: s.tenant.id, tenantSlug: s.tenant.slug, tenantName: s.tenant.name, role: 'owner', memberships: [] };
}, 180_000);
afterAll(() => db.close());

const submit = (name: string, phone: string, email?: string) =>
  submitDecision({
    slug: s.tenant.slug,
    token: s.token,
    input: decisionSchema.parse({ idempotencyKey: randomUUID(), decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name, phone, ...(email ? { email } : {}) }),
    ip: null,
    userAgent: 'vitest',
    baseUrl: 'http://localhost:3000',
  });
const ctxOf = (token: string, extra: Record<string, string> = {}) => ({ params: Promise.resolve({ tenant: s.tenant.slug, token, ...extra }) });
const get = (mod: { GET: (r: Request, c: ReturnType<typeof ctxOf>) => Promise<Response> }, token: string, path = '') => mod.GET(new Request(`http://localhost/c/${s.tenant.slug}/p/${token}${path}`), ctxOf(token));
const postErase = (token: string, idempotencyKey = randomUUID()) =>
  erasePage.POST(
    new Request(`http://localhost/c/${s.tenant.slug}/p/${token}/erase`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ idempotencyKey, locale: 'de' }) }),
    ctxOf(token),
  );
const contactRow = async (id: string) => (await withTenant(s.tenant.id, (tx) => tx.select().from(contacts).where(eq(contacts.id, id))))[0]!;
const erasedCount = async (id: string) => (await withTenant(s.tenant.id, (tx) => tx.select().from(consentEvents).where(and(eq(consentEvents.contactId, id), eq(consentEvents.type, 'erased'))))).length;
const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe('the personal page: access and erasure', () => {
  it('offers "Alle meine Daten" and the erasure; JSON holds identity versions, events with hashes, receipts and recipients', async () => {
    const r = await submit('Paula Persönlich', '+4915188880001', 'paula@example.com');
    const html = await (await get(personalPage, r.contactToken)).text();
    expect(html).toContain(`/c/${s.tenant.slug}/p/${r.contactToken}/data.json`);
    expect(html).toContain(`/c/${s.tenant.slug}/p/${r.contactToken}/erase`);

    const res = await get(dataJson, r.contactToken, '/data.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const data = (await res.json()) as Record<string, never>;
    const [event] = await withTenant(s.tenant.id, (tx) => tx.select().from(consentEvents).where(eq(consentEvents.id, r.eventId)));
    expect(data).toMatchObject({ schema: 'einwilligung-access-1', contactId: r.contactId, controller: { name: s.tenant.name } });
    expect(data.identities).toMatchObject([{ name: 'Paula Persönlich', phoneE164: '+4915188880001', email: 'paula@example.com' }]);
    expect(data.events).toMatchObject([{ id: r.eventId, type: 'opt_in', hash: event!.hash, piiHash: event!.piiHash }]);
    expect(data.receipts).toMatchObject([{ receiptId: r.eventId, ledger: { eventHash: event!.hash } }]);
    const mails = data.mails as { audience: string; to: string }[];
    expect(mails).toEqual(expect.arrayContaining([expect.objectContaining({ audience: 'contact', to: 'paula@example.com' }), expect.objectContaining({ audience: 'company', to: `nachweise@${s.tenant.slug}.example` })]));

    const pdf = await get(dataPdf, r.contactToken, '/data.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('GET shows the confirmation step and changes nothing; POST erases this contact only, once, and 303s to the erased page', async () => {
    const r = await submit('Egon Eigen', '+4915188880002', 'egon@example.com');
    const twin = await submit('Egon Eigen', '+4915188880002', 'egon@example.com');
    const confirm = await get(erasePage, r.contactToken, '/erase');
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toMatch(/<form method="post" action="\/c\/[^"]+\/erase"/);
    expect((await contactRow(r.contactId)).status).toBe('opted_in');

    const key = randomUUID();
    const res = await postErase(r.contactToken, key);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/c/${s.tenant.slug}/erased`);
    expect(await contactRow(r.contactId)).toMatchObject({ status: 'erased', name: null, phoneE164: null, email: null });
    const ids = await withTenant(s.tenant.id, (tx) => tx.select().from(contactIdentities).where(eq(contactIdentities.contactId, r.contactId)));
    expect(ids.every((i) => i.name === null && i.piiSalt === null)).toBe(true);
    // The same person's other submission is the DPO's call, not the personal link's.
    expect(await contactRow(twin.contactId)).toMatchObject({ status: 'opted_in', name: 'Egon Eigen' });

    // A second POST (reload, double click): the capability is gone, nothing more is appended.
    expect((await postErase(r.contactToken, key)).status).toBe(404);
    expect(await erasedCount(r.contactId)).toBe(1);
    expect((await get(personalPage, r.contactToken)).status).toBe(404);
    expect((await get(dataJson, r.contactToken, '/data.json')).status).toBe(404);
    const erased = await erasedPage.GET(new Request(`http://localhost/c/${s.tenant.slug}/erased`), { params: Promise.resolve({ tenant: s.tenant.slug }) });
    expect(erased.status).toBe(200);
    expect(await erased.text()).not.toContain('Egon');
  });
});

describe('the DPO erases from the dashboard', () => {
  const as = (role: Role) => (member.ctx = { ...base, role });

  it('needs contacts.erase: sales gets 403 and nothing changes', async () => {
    const r = await submit('Sven Sales', '+4915188880003');
    as('sales');
    const err = await eraseContactAction(null, form({ contactId: r.contactId, reason: 'Antrag per Brief', idempotencyKey: randomUUID() })).catch((e: unknown) => e);
    expect((err as { digest?: string }).digest).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    expect(await contactRow(r.contactId)).toMatchObject({ status: 'opted_in', name: 'Sven Sales' });
    expect(await erasedCount(r.contactId)).toBe(0);
  });

  it('requires a reason, erases (with the same number when asked), writes one audit row with the reason', async () => {
    const a = await submit('Doris Doppel', '+4915188880004');
    const b = await submit('Doris D.', '+4915188880004');
    await withSystem(async (tx) => {
      const [u] = await tx.insert(users).values({ email: 'dpo@erase-flow.example' }).returning();
      await tx.insert(memberships).values({ tenantId: s.tenant.id, userId: u!.id, role: 'dpo' });
      member.ctx = { ...base, userId: u!.id, email: u!.email, role: 'dpo' };
    });
    const missing = await eraseContactAction(null, form({ contactId: a.contactId, idempotencyKey: randomUUID() }));
    expect(missing).toMatchObject({ ok: false, error: 'validation', fieldErrors: { reason: expect.any(String) } });
    expect((await contactRow(a.contactId)).status).toBe('opted_in');

    const done = await eraseContactAction(null, form({ contactId: a.contactId, reason: 'Löschantrag per Brief vom 3.12.', sameData: '1', idempotencyKey: randomUUID() }));
    expect(done).toMatchObject({ ok: true, data: { appended: 2 } });
    expect((await contactRow(a.contactId)).status).toBe('erased');
    expect((await contactRow(b.contactId)).status).toBe('erased');
    const audits = await withTenant(s.tenant.id, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.action, 'contact.erase'), eq(auditLog.targetId, a.contactId))));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBe(member.ctx!.userId);
    expect(JSON.parse(audits[0]!.details!)).toMatchObject({ reason: 'Löschantrag per Brief vom 3.12.', contacts: [a.contactId, b.contactId], appended: 2 });
  });
});
