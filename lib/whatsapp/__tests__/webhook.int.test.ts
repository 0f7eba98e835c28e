import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/whatsapp/webhook/route';
import { consentEventSenders, consentEvents, contacts, mailOutbox, whatsappInbox, whatsappOutbox, whatsappPreferences, whatsappReviewMessages } from '@/db/schema';
import { submitDecision } from '@/lib/consent/submit-decision';
import { verifyChain } from '@/lib/consent/verify-chain';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink, sealAll } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { connectWhatsapp } from '../connect';
import { enqueueWhatsapp } from '../outbox';
import { signBody } from '../signature';
import { listSim, setFailure } from '../simulator/store';
import { processDueInbox, processDueOutbox } from '../worker';

process.env.WHATSAPP_SECRETS_KEY = 'a'.repeat(64);
process.env.WHATSAPP_GRAPH_URL = 'simulator';

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
const PHONE_ID = `pn-${randomUUID().slice(0, 8)}`;
const APP_SECRET = 'app-secret-for-tests';
let verifyToken = '';

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('wa-hook');
  verifyToken = (
    await withTenant(s.tenant.id, (tx) =>
      connectWhatsapp(tx, s.tenant.id, { phoneNumberId: PHONE_ID, businessAccountId: 'waba', displayNumber: '+4930999000', accessToken: 'access-token-test', appSecret: APP_SECRET }, { simulated: true }),
    )
  ).verifyToken;
});
afterAll(async () => db.close());

const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));
const textMsg = (from: string, body: string, at = new Date(), id = `wamid.${randomUUID()}`) => ({ from, id, timestamp: epoch(at), type: 'text', text: { body } });
const change = (items: Record<string, unknown>, phoneNumberId = PHONE_ID) => ({
  field: 'messages',
  value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '4930999000', phone_number_id: phoneNumberId }, ...items },
});
const payload = (...changes: ReturnType<typeof change>[]) => JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'waba', changes }] });
const post = (raw: string, signature: string | null = signBody(raw, APP_SECRET)) =>
  POST(new Request('http://localhost/api/whatsapp/webhook', { method: 'POST', body: raw, headers: signature ? { 'x-hub-signature-256': signature } : {} }));

const inbox = () => withTenant(s.tenant.id, (tx) => tx.select().from(whatsappInbox).where(eq(whatsappInbox.tenantId, s.tenant.id)));
const eventsOf = (phone: string) =>
  withTenant(s.tenant.id, (tx) =>
    tx
      .select({ e: consentEvents })
      .from(consentEvents)
      .innerJoin(contacts, and(eq(contacts.tenantId, consentEvents.tenantId), eq(contacts.id, consentEvents.contactId)))
      .where(and(eq(consentEvents.tenantId, s.tenant.id), eq(contacts.phoneE164, phone)))
      .orderBy(consentEvents.seq),
  ).then((r) => r.map((x) => x.e));
const statusOf = async (phone: string) =>
  (await withTenant(s.tenant.id, (tx) => tx.select({ status: contacts.status }).from(contacts).where(and(eq(contacts.tenantId, s.tenant.id), eq(contacts.phoneE164, phone)))))[0]?.status;
const optIn = (phone: string) =>
  submitDecision({
    slug: s.tenant.slug,
    token: s.token,
    input: { decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: 'Kunde', phone, idempotencyKey: randomUUID(), locale: 'de' },
    ip: null,
    userAgent: 'vitest',
    baseUrl: 'http://localhost:3000',
  });
const sim = () => listSim(5000).filter((m) => m.phoneNumberId === PHONE_ID);
const drain = async () => {
  while ((await processDueInbox()) > 0);
  while ((await processDueOutbox()) > 0);
};

describe('GET /api/whatsapp/webhook (verify-token handshake)', () => {
  it('echoes the challenge as text/plain for the right token, 403 otherwise', async () => {
    const get = (q: string) => GET(new Request(`http://localhost/api/whatsapp/webhook?${q}`));
    const ok = await get(`hub.mode=subscribe&hub.verify_token=${encodeURIComponent(verifyToken)}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    expect((await get(`hub.mode=subscribe&hub.verify_token=${verifyToken}x&hub.challenge=1`)).status).toBe(403);
    expect((await get(`hub.mode=unsubscribe&hub.verify_token=${encodeURIComponent(verifyToken)}&hub.challenge=1`)).status).toBe(403);
  });
});

describe('POST /api/whatsapp/webhook', () => {
  it('a missing or wrong signature is 401 and stores nothing', async () => {
    const raw = payload(change({ messages: [textMsg('491701234500', 'Stopp')] }));
    expect((await post(raw, null)).status).toBe(401);
    expect((await post(raw, signBody(raw, 'another-secret'))).status).toBe(401);
    expect((await post(raw, signBody(raw + ' ', APP_SECRET))).status).toBe(401);
    expect(await inbox()).toHaveLength(0);
  });

  it('hashes the raw bytes: escaped and unescaped umlauts and "/" verify as sent, a re-serialised body would not', async () => {
    const escaped = payload(change({ messages: [textMsg('491701234501', 'PLACEHOLDER')] })).replace('PLACEHOLDER', 'Gr\\u00fc\\u00dfe \\/ Stra\\u00dfe 1/2');
    expect(JSON.stringify(JSON.parse(escaped))).not.toBe(escaped);
    expect((await post(escaped)).status).toBe(200);
    const plain = payload(change({ messages: [textMsg('491701234501', 'Grüße aus der Straße 1/2 – 😊')] }));
    expect((await post(plain)).status).toBe(200);
    // Signed over a re-serialisation instead of the bytes sent: refused.
    const reserialised = JSON.stringify(JSON.parse(escaped));
    expect((await post(escaped, signBody(reserialised, APP_SECRET))).status).toBe(401);
    const bodies = (await inbox()).map((r) => r.body);
    expect(bodies).toEqual(expect.arrayContaining(['Grüße / Straße 1/2', 'Grüße aus der Straße 1/2 – 😊']));
  });

  it('an unknown phone_number_id is answered 200 and nothing is stored', async () => {
    const before = (await inbox()).length;
    const raw = payload(change({ messages: [textMsg('491701234502', 'Stopp')] }, 'not-connected-id'));
    const res = await post(raw, signBody(raw, 'whatever'));
    expect(res.status).toBe(200);
    expect((await inbox()).length).toBe(before);
  });

  it('the same delivery 10× at once becomes one inbox row and one withdrawal', async () => {
    const phone = '+491701234503';
    await optIn(phone);
    const raw = payload(change({ messages: [textMsg(phone.slice(1), 'STOPP!')] }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(raw)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect((await inbox()).filter((r) => r.waId === phone.slice(1))).toHaveLength(1);
    await Promise.all([drain(), drain()]);
    const events = await eventsOf(phone);
    expect(events.map((e) => e.type)).toEqual(['opt_in', 'withdrawn']);
    const w = events[1]!;
    expect(w).toMatchObject({ canonVersion: 3, evidenceChannel: 'whatsapp', evidenceKind: 'keyword' });
    expect(w.evidenceMessageId).toMatch(/^wamid\./);
    expect(w.evidenceSenderHash).toMatch(/^[0-9a-f]{64}$/);
    const [sender] = await withTenant(s.tenant.id, (tx) => tx.select().from(consentEventSenders).where(eq(consentEventSenders.eventId, w.id)));
    expect(sender?.waId).toBe(phone.slice(1));
    expect(await statusOf(phone)).toBe('withdrawn');
    // Receipt to the evidence address, and the one reply in the simulator.
    const mails = await withSystem((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.relatedId, w.id)));
    expect(mails.map((m) => m.to)).toContain(`nachweise@${s.tenant.slug}.example`);
    const sent = sim().filter((m) => m.waId === phone.slice(1) && m.direction === 'to_contact');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain(`keine weiteren Nachrichten von ${s.tenant.name}`);
    expect(sent[0]!.body).toMatch(new RegExp(`/c/${s.tenant.slug}/p/`));
  });

  it('a batched payload with three messages and two statuses stores and processes all five', async () => {
    const at = new Date();
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        { id: 'waba', changes: [change({ messages: [textMsg('491701234510', 'Hallo'), textMsg('491701234511', 'Danke')] })] },
        {
          id: 'waba',
          changes: [
            change({
              messages: [textMsg('491701234512', 'Wann habt ihr offen?')],
              statuses: [
                { id: 'wamid.out1', status: 'sent', timestamp: epoch(at), recipient_id: '491701234510' },
                { id: 'wamid.out1', status: 'delivered', timestamp: epoch(at), recipient_id: '491701234510' },
              ],
            }),
          ],
        },
      ],
    });
    const before = (await inbox()).length;
    expect((await post(raw)).status).toBe(200);
    const rows = await inbox();
    expect(rows.length - before).toBe(5);
    await drain();
    const mine = (await inbox()).filter((r) => ['491701234510', '491701234511', '491701234512'].includes(r.waId ?? ''));
    expect(mine.map((r) => r.status)).toEqual(Array(5).fill('sent'));
    expect(mine.map((r) => r.outcome).sort()).toEqual(['ignored', 'ignored', 'ignored', 'status_delivered', 'status_sent']);
  });

  it('out of order: a STOPP written before a later consent, delivered after it, withdraws nothing and goes to review', async () => {
    const phone = '+491701234520';
    const written = new Date(Date.now() - 60_000);
    await optIn(phone);
    expect((await post(payload(change({ messages: [textMsg(phone.slice(1), 'stop', written)] })))).status).toBe(200);
    await drain();
    expect((await eventsOf(phone)).map((e) => e.type)).toEqual(['opt_in']);
    const reviews = await withTenant(s.tenant.id, (tx) => tx.select().from(whatsappReviewMessages).where(eq(whatsappReviewMessages.waId, phone.slice(1))));
    expect(reviews.map((r) => r.reason)).toEqual(['stale']);
  });

  it('user_preferences: stop withdraws marketing consent; resume is recorded and creates no consent', async () => {
    const phone = '+491701234530';
    await optIn(phone);
    const pref = (value: 'stop' | 'resume', at: Date) =>
      post(
        payload({
          field: 'user_preferences',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '4930999000', phone_number_id: PHONE_ID },
            contacts: [{ wa_id: phone.slice(1), profile: { name: 'K' } }],
            user_preferences: [{ wa_id: phone.slice(1), detail: 'x', category: 'marketing_messages', value, timestamp: epoch(at) }],
          },
        } as unknown as ReturnType<typeof change>),
      );
    expect((await pref('stop', new Date(Date.now() + 1000))).status).toBe(200);
    await drain();
    const events = await eventsOf(phone);
    expect(events.map((e) => [e.type, e.evidenceKind])).toEqual([
      ['opt_in', null],
      ['withdrawn', 'user_preferences'],
    ]);
    expect((await pref('resume', new Date(Date.now() + 2000))).status).toBe(200);
    await drain();
    expect((await eventsOf(phone)).length).toBe(2);
    expect(await statusOf(phone)).toBe('withdrawn');
    const [p] = await withTenant(s.tenant.id, (tx) => tx.select().from(whatsappPreferences).where(eq(whatsappPreferences.waId, phone.slice(1))));
    expect(p?.value).toBe('resume');
  });

  it('a sentence merely containing "stop" lands on the review list and changes nothing', async () => {
    const phone = '+491701234540';
    await optIn(phone);
    expect((await post(payload(change({ messages: [textMsg(phone.slice(1), 'Bitte nicht stoppen, ich will stop sagen können')] })))).status).toBe(200);
    await drain();
    expect(await statusOf(phone)).toBe('opted_in');
    const reviews = await withTenant(s.tenant.id, (tx) => tx.select().from(whatsappReviewMessages).where(eq(whatsappReviewMessages.waId, phone.slice(1))));
    expect(reviews.map((r) => [r.reason, r.body])).toEqual([['contains_keyword', 'Bitte nicht stoppen, ich will stop sagen können']]);
  });

  it('a STOPP from a number the ledger never saw is recorded as opt_out', async () => {
    const phone = '+491701234550';
    expect((await post(payload(change({ messages: [textMsg(phone.slice(1), 'Abmelden')] })))).status).toBe(200);
    await drain();
    expect((await eventsOf(phone)).map((e) => [e.type, e.evidenceChannel])).toEqual([['opt_out', 'whatsapp']]);
  });
});

describe('sending', () => {
  it('refuses a message to a number without consent; sends it once the number has consent', async () => {
    const none = '491701234560';
    await withTenant(s.tenant.id, (tx) => enqueueWhatsapp(tx, { tenantId: s.tenant.id, idempotencyKey: `t:${none}`, kind: 'news', toWaId: none, body: 'Angebot' }));
    await drain();
    const [row] = await withTenant(s.tenant.id, (tx) => tx.select().from(whatsappOutbox).where(eq(whatsappOutbox.idempotencyKey, `t:${none}`)));
    expect(row).toMatchObject({ status: 'dead', lastError: 'refused: no_consent' });
    expect(sim().filter((m) => m.waId === none)).toHaveLength(0);

    const yes = '+491701234561';
    await optIn(yes);
    await withTenant(s.tenant.id, (tx) => enqueueWhatsapp(tx, { tenantId: s.tenant.id, idempotencyKey: `t:${yes}`, kind: 'news', toWaId: yes.slice(1), body: 'Angebot' }));
    await drain();
    expect(sim().filter((m) => m.waId === yes.slice(1)).map((m) => m.result)).toEqual(['accepted']);
  });

  it('131050 on a send is a marketing stop: the number is withdrawn', async () => {
    const phone = '+491701234570';
    await optIn(phone);
    setFailure(phone.slice(1), 131050);
    await withTenant(s.tenant.id, (tx) => enqueueWhatsapp(tx, { tenantId: s.tenant.id, idempotencyKey: `t:${phone}`, kind: 'news', toWaId: phone.slice(1), body: 'Angebot' }));
    await drain();
    await drain();
    expect((await eventsOf(phone)).map((e) => [e.type, e.evidenceKind])).toEqual([
      ['opt_in', null],
      ['withdrawn', 'error_131050'],
    ]);
  });

  it('the ledger with evidenced (WhatsApp) events verifies; evidence changed afterwards breaks its hash', async () => {
    await sealAll(); // verification walks sealed events (issue #16)
    const v = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id, { remember: false }));
    expect(v.breaks).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.events).toBeGreaterThan(5);
    // As the database owner, past the append-only trigger: another message id on the first evidenced event.
    const [first] = await withSystem((tx) =>
      tx.select().from(consentEvents).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.evidenceChannel, 'whatsapp'))).orderBy(consentEvents.seq).limit(1),
    );
    await withSystem(async (tx) => {
      await tx.execute(sql`alter table consent_events disable trigger consent_events_append_only`);
      await tx.update(consentEvents).set({ evidenceMessageId: 'wamid.forged' }).where(and(eq(consentEvents.tenantId, s.tenant.id), eq(consentEvents.id, first!.id)));
      await tx.execute(sql`alter table consent_events enable trigger consent_events_append_only`);
    });
    const after = await withTenant(s.tenant.id, (tx) => verifyChain(tx, s.tenant.id, { remember: false }));
    expect(after.ok).toBe(false);
    expect(after.firstBreak).toMatchObject({ seq: first!.seq, reason: 'hash' });
  });
});
