import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEventSenders, consentEvents, contacts, whatsappConnections, whatsappInbox, whatsappOutbox, whatsappOwnershipCodes } from '@/db/schema';
import { submitDecision } from '@/lib/consent/submit-decision';
import { verifyChain } from '@/lib/consent/verify-chain';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { matchOwnershipCode, type CodeMessage } from '../ownership-codes-match';
import { whatsappConfirmation } from '../ownership-codes';

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
const DISPLAY = '+4930123456789';

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('wa-codes', { doubleOptIn: true });
});
afterAll(async () => db.close());

const connect = () =>
  withSystem((tx) =>
    tx.insert(whatsappConnections).values({
      tenantId: s.tenant.id,
      phoneNumberId: `pn-${randomUUID()}`,
      businessAccountId: 'waba-1',
      displayNumber: DISPLAY,
      accessTokenEnc: 'enc',
      appSecretEnc: 'enc',
      verifyTokenEnc: 'enc',
      verifyTokenHash: randomUUID(),
      simulated: true,
    }),
  );

/** A web opt-in without e-mail (the tenant has double opt-in on). */
const optIn = (phone: string, email?: string, token = s.token) =>
  submitDecision({
    slug: s.tenant.slug,
    token,
    input: { decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: 'Wa Kunde', phone, email, idempotencyKey: randomUUID(), locale: 'de' },
    ip: null,
    userAgent: 'vitest',
    baseUrl: 'http://localhost:3000',
  });

const codeFor = async (contactId: string) => (await withTenant(s.tenant.id, (tx) => whatsappConfirmation(tx, s.tenant.id, contactId, 'de', s.tenant.name)))!;
const message = (text: string, waId: string | null, p: Partial<CodeMessage> = {}): CodeMessage => ({
  tenantId: s.tenant.id,
  messageId: `wamid.${randomUUID()}`,
  waId,
  userId: null,
  text,
  occurredAt: new Date(Date.now() - 2000),
  ...p,
});
const repliesTo = (messageId: string) => withTenant(s.tenant.id, (tx) => tx.select().from(whatsappOutbox).where(eq(whatsappOutbox.replyToMessageId, messageId)));
const match = (m: CodeMessage) => withTenant(s.tenant.id, (tx) => matchOwnershipCode(tx, m));
const statusOf = async (contactId: string) =>
  (await withTenant(s.tenant.id, (tx) => tx.select({ status: contacts.status }).from(contacts).where(and(eq(contacts.tenantId, s.tenant.id), eq(contacts.id, contactId)))))[0]!.status;
const confirmations = (contactId: string) =>
  withTenant(s.tenant.id, (tx) => tx.select().from(consentEvents).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.contactId, contactId), eq(consentEvents.type, 'confirmed'))));

describe('double opt-in through a WhatsApp ownership code', () => {
  it('without a WhatsApp number, double opt-in still needs an e-mail address (422)', async () => {
    await expect(optIn('+491701110000')).rejects.toMatchObject({ code: 'consent.errors.emailForConfirmation', status: 422 });
  });

  it('with the number connected, an opt-in without e-mail is pending and offered a wa.me link with its code', async () => {
    await connect();
    const r = await optIn('+491701110001');
    expect(r.status).toBe('pending');
    const c = await codeFor(r.contactId);
    expect(c.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(c.url).toMatch(/^https:\/\/wa\.me\/4930123456789\?text=/);
    expect(decodeURIComponent(c.url.split('text=')[1]!)).toContain(`Code: ${c.code}`);
    expect(c.qrSvg).toMatch(/^<svg/);
    // Only the hash is stored.
    const rows = await withTenant(s.tenant.id, (tx) => tx.select().from(whatsappOwnershipCodes).where(eq(whatsappOwnershipCodes.contactId, r.contactId)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(c.code.replace('-', ''));
    expect(rows[0]!.phoneE164).toBe('+491701110001');
  });

  it('a code from another number confirms nothing and counts a mismatch; then the same code from the number confirms, once', async () => {
    const r = await optIn('+491701110002');
    const { code } = await codeFor(r.contactId);
    const wrong = message(`Code: ${code}`, '491709999999');
    expect(await match(wrong)).toMatchObject({ kind: 'mismatch', contactId: r.contactId });
    expect(await repliesTo(wrong.messageId)).toMatchObject([{ kind: 'code_mismatch', toWaId: '491709999999', contactId: null }]);
    expect(await match(message(`Code: ${code}`, null, { userId: 'DE.123' }))).toMatchObject({ kind: 'mismatch' });
    expect(await statusOf(r.contactId)).toBe('pending');
    expect(await confirmations(r.contactId)).toHaveLength(0);

    const m = message(`Ich bestätige … Code: ${code.toLowerCase()}`, '491701110002', { userId: 'DE.777' });
    const out = await match(m);
    expect(out).toMatchObject({ kind: 'confirmed', contactId: r.contactId });
    expect(await statusOf(r.contactId)).toBe('opted_in');
    const [event] = await confirmations(r.contactId);
    expect(event).toMatchObject({ channel: 'whatsapp', evidenceChannel: 'whatsapp', evidenceKind: 'ownership_code', evidenceMessageId: m.messageId });
    expect(event!.evidenceMessageAt!.toISOString()).toBe(m.occurredAt.toISOString());
    expect(event!.evidenceSenderHash).toMatch(/^[0-9a-f]{64}$/);
    const [sender] = await withTenant(s.tenant.id, (tx) => tx.select().from(consentEventSenders).where(eq(consentEventSenders.eventId, event!.id)));
    expect(sender).toMatchObject({ waId: '491701110002', userId: 'DE.777' });
    const [row] = await withTenant(s.tenant.id, (tx) => tx.select().from(whatsappOwnershipCodes).where(eq(whatsappOwnershipCodes.contactId, r.contactId)));
    expect(row).toMatchObject({ mismatches: 2, usedMessageId: m.messageId, eventId: event!.id });

    expect(await repliesTo(m.messageId)).toMatchObject([{ kind: 'code_confirmed', contactId: r.contactId }]);
    // Used: the same code again (another message) confirms nothing more.
    expect(await match(message(`Code: ${code}`, '491701110002'))).toMatchObject({ kind: 'used' });
    expect(await confirmations(r.contactId)).toHaveLength(1);
    expect(await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id))).toMatchObject({ ok: true });
  });

  it('an expired code confirms nothing', async () => {
    const r = await optIn('+491701110003');
    const { code } = await codeFor(r.contactId);
    await withSystem((tx) => tx.update(whatsappOwnershipCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(whatsappOwnershipCodes.contactId, r.contactId)));
    const m = message(`Code: ${code}`, '491701110003');
    expect(await match(m)).toMatchObject({ kind: 'expired', contactId: r.contactId });
    // The reply explains, to the sender, inside the window.
    expect(await repliesTo(m.messageId)).toMatchObject([{ kind: 'code_expired', toWaId: '491701110003', body: expect.stringContaining('abgelaufen') }]);
    expect(await statusOf(r.contactId)).toBe('pending');
    expect(await confirmations(r.contactId)).toHaveLength(0);
  });

  it('a message without a code of this tenant is not a code message', async () => {
    expect(await match(message('Stopp!', '491701110003'))).toEqual({ kind: 'none' });
    expect(await match(message('Code: AAAA-BBBB', '491701110003'))).toEqual({ kind: 'none' });
  });

  it('ten messages with the same code at once (different message ids) confirm exactly once', async () => {
    const r = await optIn('+491701110004');
    const { code } = await codeFor(r.contactId);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => match(message(`Code: ${code}`, '491701110004'))));
    expect(outcomes.filter((o) => o.kind === 'confirmed')).toHaveLength(1);
    expect(outcomes.every((o) => ['confirmed', 'used', 'not_pending'].includes(o.kind))).toBe(true);
    expect(await confirmations(r.contactId)).toHaveLength(1);
    expect(await statusOf(r.contactId)).toBe('opted_in');
    expect(await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id))).toMatchObject({ ok: true });
  });
});

/** The inbox row a processed message has (the sign-up proof reads the message's time and sender from it). */
const received = (m: CodeMessage) =>
  withSystem((tx) => tx.insert(whatsappInbox).values({ tenantId: s.tenant.id, externalKey: m.messageId, kind: 'message', messageId: m.messageId, waId: m.waId, userId: m.userId, itemType: 'text', occurredAt: m.occurredAt }));

describe('sign-up started from WhatsApp ("Anmelden")', () => {
  const signUp = async (waId: string) => {
    const m = message('Anmelden', waId, { userId: 'DE.42' });
    await received(m);
    const out = await match(m);
    expect(out).toMatchObject({ kind: 'signup', url: expect.stringMatching(/\/c\/wa-codes\/[A-Za-z0-9_-]{43}$/) });
    const [reply] = await repliesTo(m.messageId);
    const url = (out as { url: string }).url;
    expect(reply).toMatchObject({ kind: 'signup_reply', toWaId: waId, body: expect.stringContaining(url) });
    return { m, token: url.slice(url.lastIndexOf('/') + 1) };
  };

  it('the reply link opts the number in without further confirmation, the sign-up message as evidence', async () => {
    const { m, token } = await signUp('491701110005');
    const r = await optIn('+491701110005', undefined, token);
    expect(r.status).toBe('opted_in');
    const [event] = await withTenant(s.tenant.id, (tx) => tx.select().from(consentEvents).where(eq(consentEvents.id, r.eventId)));
    expect(event).toMatchObject({ type: 'opt_in', canonVersion: 3, evidenceChannel: 'whatsapp', evidenceKind: 'signup_message', evidenceMessageId: m.messageId });
    expect(event!.evidenceMessageAt!.toISOString()).toBe(m.occurredAt.toISOString());
    const [sender] = await withTenant(s.tenant.id, (tx) => tx.select().from(consentEventSenders).where(eq(consentEventSenders.eventId, r.eventId)));
    expect(sender).toMatchObject({ waId: '491701110005', userId: 'DE.42' });
    // No code to send: the number is proven.
    expect(await withTenant(s.tenant.id, (tx) => whatsappConfirmation(tx, s.tenant.id, r.contactId, 'de', 'x'))).toBeNull();
    expect(await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id))).toMatchObject({ ok: true });
  });

  it('the same link naming another number proves nothing: pending, waiting for a code', async () => {
    const { token } = await signUp('491701110006');
    const r = await optIn('+491701110007', undefined, token);
    expect(r.status).toBe('pending');
    const [event] = await withTenant(s.tenant.id, (tx) => tx.select().from(consentEvents).where(eq(consentEvents.id, r.eventId)));
    expect(event).toMatchObject({ canonVersion: 3, evidenceKind: null });
    expect(await codeFor(r.contactId)).toBeTruthy();
  });
});
