import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEventSenders, consentEvents, contactIdentities, contacts, mailOutbox, whatsappInbox, whatsappOutbox, whatsappOwnershipCodes, whatsappPreferences } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import { buildConsentReceipt } from '@/lib/evidence/receipt-json';
import { verifyEventByHash } from '@/lib/evidence/verify-event';
import { ledgerCsv } from '@/lib/ledger/export-csv';
import { optedInVcards } from '@/lib/ledger/export-vcard';
import { matchContacts } from '@/lib/ledger/search';
import { resendMail } from '@/lib/mail/event-mails';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { withdrawNumber } from '@/lib/whatsapp/withdraw-number';
import { eventHash } from '../event-hash';
import { contactsSharingData, eraseContact, eraseContacts, ERASED_RECIPIENT } from '../erase';
import { decisionSchema } from '../schemas';
import { submitDecision } from '../submit-decision';
import { verifyChain } from '../verify-chain';
import { verifyIdentities } from '../verify-identities';

// Issue #16, erasure (GDPR Art. 17): the person's data goes everywhere it was kept; the ledger keeps its events and
// still verifies, erased commitments count as erased; receipts already issued still verify.

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('erase-a');
});
afterAll(() => db.close());

const submit = (fields: Record<string, string>) =>
  submitDecision({
    slug: s.tenant.slug,
    token: s.token,
    input: decisionSchema.parse({ idempotencyKey: randomUUID(), decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', ...fields }),
    ip: '203.0.113.0',
    userAgent: 'vitest',
    baseUrl: 'http://localhost:3000',
  });
const erase = (contactId: string, idempotencyKey = randomUUID()) =>
  withTenant(s.tenant.id, (tx) => eraseContact(tx, { tenantId: s.tenant.id, contactId, idempotencyKey, language: 'de', ip: null, userAgent: 'vitest' }));
const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(s.tenant.id, fn);
const erasedEvents = (contactId: string) => inTenant((tx) => tx.select().from(consentEvents).where(and(eq(consentEvents.contactId, contactId), eq(consentEvents.type, 'erased'))));

/** A contact with every kind of personal data: web opt-in with e-mail, a WhatsApp "Stopp" (sender row), a queued
 * receipt copy, a pending WhatsApp message and a live ownership code. */
async function richContact(name: string, phone: string, email: string) {
  const r = await submit({ name, phone, email });
  const waId = phone.replace(/^\+/, '');
  await inTenant((tx) => withdrawNumber(tx, { tenantId: s.tenant.id, messageId: `wamid.${randomUUID()}`, waId, userId: null, occurredAt: new Date(), kind: 'keyword' }));
  await inTenant(async (tx) => {
    await tx.insert(whatsappOutbox).values({ tenantId: s.tenant.id, idempotencyKey: randomUUID(), kind: 'test', toWaId: waId, contactId: r.contactId, body: `Hallo ${name}` });
    // A message already sent to them, and its delivery status in the inbox (recipient's wa_id).
    const wamid = `wamid.${randomUUID()}`;
    await tx.insert(whatsappOutbox).values({ tenantId: s.tenant.id, idempotencyKey: randomUUID(), kind: 'test', toWaId: waId, contactId: r.contactId, body: `Danke ${name}`, status: 'sent', providerMessageId: wamid, sentAt: new Date() });
    await tx.insert(whatsappInbox).values({ tenantId: s.tenant.id, externalKey: `${wamid}:delivered`, kind: 'status', messageId: wamid, waId, itemType: 'delivered', occurredAt: new Date(), status: 'sent' });
    await tx.insert(whatsappPreferences).values({ tenantId: s.tenant.id, waId, category: 'marketing_messages', value: 'stop', occurredAt: new Date() });
    await tx.insert(whatsappOwnershipCodes).values({ tenantId: s.tenant.id, codeHash: randomUUID(), contactId: r.contactId, phoneE164: phone, expiresAt: new Date(Date.now() + 3600_000) });
  });
  return r;
}

describe('eraseContact', () => {
  it('clears the data from contacts, identity versions, senders, queued mails, WhatsApp rows; appends one erased event', async () => {
    const r = await richContact('Erika Löschbar', '+4915199990001', 'erika@example.com');
    const events = await inTenant((tx) => tx.select().from(consentEvents).where(eq(consentEvents.contactId, r.contactId)));
    const eventIds = events.map((e) => e.id);
    const senderRows = () => inTenant((tx) => tx.select().from(consentEventSenders).where(inArray(consentEventSenders.eventId, eventIds)));
    expect((await senderRows())[0]).toMatchObject({ waId: '4915199990001' });
    const contactMails = () => inTenant((tx) => tx.select().from(mailOutbox).where(and(inArray(mailOutbox.relatedId, eventIds), eq(mailOutbox.kind, 'contact_receipt'))));
    expect((await contactMails()).filter((m) => m.status === 'pending' && m.to === 'erika@example.com').length).toBeGreaterThan(0);

    const result = await erase(r.contactId);
    expect(result.replayed).toBe(false);
    expect(result.counts).toMatchObject({ identities: 1, senders: 1, whatsappMessages: 2, codes: 1 });

    const [c] = await inTenant((tx) => tx.select().from(contacts).where(eq(contacts.id, r.contactId)));
    expect(c).toMatchObject({ status: 'erased', name: null, phoneE164: null, email: null, piiSalt: null, withdrawTokenHash: null, confirmTokenHash: null });
    const identities = await inTenant((tx) => tx.select().from(contactIdentities).where(eq(contactIdentities.contactId, r.contactId)));
    expect(identities.map((i) => [i.name, i.phoneE164, i.email, i.piiSalt, !!i.erasedAt])).toEqual([[null, null, null, null, true]]);
    expect((await senderRows()).map((x) => [x.waId, x.userId, x.salt, !!x.erasedAt])).toEqual([[null, null, null, true]]);
    const mails = await contactMails();
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(m).toMatchObject({ to: ERASED_RECIPIENT, html: '', text: '', status: 'dead' });
    // The company's evidence copies stay queued, and render without the person: the receipt shows no contact.
    const evidence = await inTenant((tx) => tx.select().from(mailOutbox).where(and(inArray(mailOutbox.relatedId, eventIds), eq(mailOutbox.kind, 'evidence_receipt'))));
    expect(evidence.every((m) => m.to === `nachweise@${s.tenant.slug}.example` && m.status === 'pending')).toBe(true);
    expect((await inTenant((tx) => gatherReceipt(tx, s.tenant.id, eventIds[0]!))).contact).toBeNull();
    const wa = await inTenant((tx) => tx.select().from(whatsappOutbox).where(eq(whatsappOutbox.contactId, r.contactId)));
    expect(wa.map((m) => [m.toWaId, m.body, m.status]).sort()).toEqual([[ERASED_RECIPIENT, '', 'dead'], [ERASED_RECIPIENT, '', 'sent']]);
    const inbox = await inTenant((tx) => tx.select().from(whatsappInbox).where(inArray(whatsappInbox.messageId, wa.flatMap((m) => (m.providerMessageId ? [m.providerMessageId] : [])))));
    expect(inbox.map((m) => m.waId)).toEqual([null]);
    expect(await inTenant((tx) => tx.select().from(whatsappPreferences).where(eq(whatsappPreferences.waId, '4915199990001')))).toEqual([]);
    const [code] = await inTenant((tx) => tx.select().from(whatsappOwnershipCodes).where(eq(whatsappOwnershipCodes.contactId, r.contactId)));
    expect(code!.phoneE164).toBeNull();
    expect(code!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());

    const erased = await erasedEvents(r.contactId);
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ id: result.eventId, piiHash: null, identityId: null });
    // Nothing of the person is left in any column of the contact's rows.
    const dump = JSON.stringify({ c, identities, senders: await senderRows(), mails, wa, inbox, code, erased });
    expect(dump).not.toMatch(/Erika|erika@|4915199990001/);
    // An erased mail cannot be sent again from the dashboard; the company's evidence copy can.
    const ctx = { tenantId: s.tenant.id, userId: s.owner.id };
    await expect(inTenant((tx) => resendMail(tx, ctx, mails[0]!.id))).rejects.toMatchObject({ code: 'privacy.dashboard.erasedMail' });
    await expect(inTenant((tx) => resendMail(tx, ctx, evidence[0]!.id))).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('is idempotent: erasing twice (new key or same key) appends one event', async () => {
    const r = await submit({ name: 'Zweimal', phone: '+4915199990002' });
    const key = randomUUID();
    const first = await erase(r.contactId, key);
    const again = await erase(r.contactId);
    const sameKey = await erase(r.contactId, key);
    expect(again).toMatchObject({ eventId: first.eventId, replayed: true });
    expect(sameKey).toMatchObject({ eventId: first.eventId, replayed: true });
    expect(await erasedEvents(r.contactId)).toHaveLength(1);
  });

  it('leaves the ledger verifiable: the chain intact, erased commitments counted as erased, old receipts still verify', async () => {
    const r = await submit({ name: 'Quittung Behalten', phone: '+4915199990003', email: 'quittung@example.com' });
    // Sealed into the log first (the sequencer's worker does this within milliseconds; verification reads sealed events).
    await sealAll();
    const receipt = buildConsentReceipt(await inTenant((tx) => gatherReceipt(tx, s.tenant.id, r.eventId)));
    const before = await inTenant((tx) => verifyIdentities(tx, s.tenant.id));
    await erase(r.contactId);
    await sealAll();

    const chain = await inTenant((tx) => verifyChain(tx, s.tenant.id));
    expect(chain.ok).toBe(true);
    const identities = await inTenant((tx) => verifyIdentities(tx, s.tenant.id));
    expect(identities).toMatchObject({ ok: true, firstBreak: null });
    expect(identities.erased).toBeGreaterThan(before.erased);
    expect(identities.checked).toBeLessThan(before.checked);
    // The receipt issued before the erasure: its event is unchanged (stored hash = recomputed hash), found by hash.
    const [row] = await inTenant((tx) => tx.select().from(consentEvents).where(eq(consentEvents.id, r.eventId)));
    expect(row!.hash).toBe(receipt.ledger.eventHash);
    expect(eventHash(row!)).toBe(receipt.ledger.eventHash);
    const verified = await verifyEventByHash(receipt.ledger.eventHash);
    expect(verified).toMatchObject({ seq: receipt.ledger.seq, type: 'opt_in', chain: { ok: true } });
  });

  it('removes the person from search, CSV and vCard exports', async () => {
    const r = await submit({ name: 'Suchbar Person', phone: '+4915199990004', email: 'suchbar@example.com' });
    const seen = async () => {
      const found = await inTenant((tx) => matchContacts(tx, 'Suchbar'));
      const byPhone = await inTenant((tx) => matchContacts(tx, '15199990004'));
      let csv = '';
      let vcf = '';
      await inTenant(async (tx) => {
        for await (const chunk of ledgerCsv(tx, s.tenant.id, {})) csv += chunk;
        for await (const chunk of optedInVcards(tx, s.tenant.id, s.tenant.name)) vcf += chunk;
      });
      return { found: 'ids' in found ? found.ids : [], byPhone: 'ids' in byPhone ? byPhone.ids : [], csv: /Suchbar|15199990004|suchbar@/.test(csv), vcf: /Suchbar|15199990004/.test(vcf) };
    };
    expect(await seen()).toEqual({ found: [r.contactId], byPhone: [r.contactId], csv: true, vcf: true });
    await erase(r.contactId);
    expect(await seen()).toEqual({ found: [], byPhone: [], csv: false, vcf: false });
  });

  it('the DPO may erase the same person\'s other contacts: exact number or e-mail only', async () => {
    const a = await submit({ name: 'Doppelt', phone: '+4915199990005', email: 'doppelt@example.com' });
    const b = await submit({ name: 'Doppelt Zwei', phone: '+4915199990005' });
    const c = await submit({ name: 'Doppelt Drei', phone: '+4915199990006', email: 'doppelt@example.com' });
    const other = await submit({ name: 'Fremd', phone: '+4915199990050' });
    const shared = await inTenant((tx) => contactsSharingData(tx, s.tenant.id, a.contactId));
    expect(shared.sort()).toEqual([b.contactId, c.contactId].sort());
    const r = await inTenant((tx) => eraseContacts(tx, { tenantId: s.tenant.id, contactId: a.contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: null, sameData: true }));
    expect(r.appended).toBe(3);
    const statuses = await inTenant((tx) => tx.select({ id: contacts.id, status: contacts.status }).from(contacts).where(inArray(contacts.id, [a.contactId, b.contactId, c.contactId, other.contactId])));
    expect(Object.fromEntries(statuses.map((x) => [x.id, x.status]))).toEqual({ [a.contactId]: 'erased', [b.contactId]: 'erased', [c.contactId]: 'erased', [other.contactId]: 'opted_in' });
  });

  it("keeps the number's marketing preference while another contact still has the number", async () => {
    const a = await submit({ name: 'Pref Eins', phone: '+4915199990008' });
    const b = await submit({ name: 'Pref Zwei', phone: '+4915199990008' });
    await inTenant((tx) => tx.insert(whatsappPreferences).values({ tenantId: s.tenant.id, waId: '4915199990008', category: 'marketing_messages', value: 'stop', occurredAt: new Date() }));
    const prefs = () => inTenant((tx) => tx.select().from(whatsappPreferences).where(eq(whatsappPreferences.waId, '4915199990008')));
    await erase(a.contactId);
    expect(await prefs()).toHaveLength(1);
    await erase(b.contactId);
    expect(await prefs()).toHaveLength(0);
  });

  it('refuses a contact of another tenant', async () => {
    const t2 = await seedTenantWithLink('erase-b');
    const r = await submitDecision({ slug: t2.tenant.slug, token: t2.token, input: decisionSchema.parse({ idempotencyKey: randomUUID(), decision: 'opt_in', noticeVersionId: t2.version.id, confirmed: '1', name: 'Andere', phone: '+4915199990007' }), ip: null, userAgent: null, baseUrl: 'http://localhost:3000' });
    await expect(erase(r.contactId)).rejects.toMatchObject({ code: 'notFound' });
    const [c] = await withSystem((tx) => tx.select().from(contacts).where(eq(contacts.id, r.contactId)));
    expect(c!.status).toBe('opted_in');
  });
});
