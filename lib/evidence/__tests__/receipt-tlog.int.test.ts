import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, mailOutbox } from '@/db/schema';
import { eraseContact } from '@/lib/consent/erase';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { withdrawConsent } from '@/lib/consent/withdraw';
import { withTenant } from '@/lib/db/with-tenant';
import { ledgerVerifierKeys } from '@/lib/ledger/signing';
import { type ReceiptProof, verifyReceiptProof } from '@/lib/ledger/tlog/receipt-proof';
import { composeMail } from '@/lib/mail/compose';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { gatherReceipt } from '../receipt-data';
import { receiptFilename } from '../receipt-files';
import { buildConsentReceipt, consentReceiptSchema } from '../receipt-json';
import { renderReceiptPdf } from '../pdf/render';

// Issue #16: a sealed event's receipt carries its inclusion proof and the checkpoint that sealed it; receipt mails,
// released only after sealing, always do, and the proof verifies with the published key — also after an erasure.

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('rcpt-tlog');
});
afterAll(() => db.close());

const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(s.tenant.id, fn);
const optIn = (name: string, phone: string, email?: string) =>
  submitDecision({
    slug: s.tenant.slug,
    token: s.token,
    input: decisionSchema.parse({ idempotencyKey: randomUUID(), decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name, phone, ...(email ? { email } : {}) }),
    ip: '203.0.113.0',
    userAgent: 'vitest',
    baseUrl: 'http://localhost:3000',
  });
const withdraw = (contactId: string) =>
  inTenant((tx) => withdrawConsent(tx, { tenantId: s.tenant.id, contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: 'vitest' }));
const receiptOf = (eventId: string) => inTenant((tx) => gatherReceipt(tx, s.tenant.id, eventId));

/** The proof must verify against the published keys, for this event's entry (SHA-256 of the entry = event hash). */
function expectVerifies(proof: ReceiptProof | null | undefined, eventHash: string) {
  expect(proof).toBeTruthy();
  const v = verifyReceiptProof(proof!, { verifierKeys: ledgerVerifierKeys() });
  expect(v.checks).toEqual([expect.objectContaining({ name: 'key', ok: true }), expect.objectContaining({ name: 'signature', ok: true }), expect.objectContaining({ name: 'inclusion', ok: true })]);
  expect(v.ok).toBe(true);
  expect(createHash('sha256').update(Buffer.from(proof!.entry, 'base64')).digest('hex')).toBe(eventHash);
}

/** The outbox rows of these events, composed as the worker would send them. */
async function composedMails(eventIds: string[]) {
  const rows = await inTenant((tx) => tx.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, s.tenant.id), inArray(mailOutbox.relatedId, eventIds))));
  return Promise.all(rows.map(async (row) => ({ row, mail: await composeMail(row) })));
}

const jsonAttachment = (mail: { attachments: { filename: string; contentBase64: string }[] }) => {
  const a = mail.attachments.find((x) => x.filename.endsWith('.json'));
  return a ? (JSON.parse(Buffer.from(a.contentBase64, 'base64').toString('utf8')) as unknown) : null;
};

describe('receipts carry their transparency-log proof', () => {
  it('a recorded event: no proof yet, held mails; sealed: ledger.tlog verifies, "sealed in checkpoint N" data', async () => {
    const r = await optIn('Beleg Person', '+4915112340001', 'beleg@example.com');
    const before = await receiptOf(r.eventId);
    expect(before.event.seq).toBeNull();
    expect(before.ledger).toBeNull();
    expect(buildConsentReceipt(before).ledger.tlog).toBeNull();
    expect(receiptFilename(before, 'json')).toBe(`nachweis-${r.eventId.slice(0, 8)}-opt_in.json`); // no "null" in the name

    await sealAll();
    const data = await receiptOf(r.eventId);
    expect(data.event.seq).not.toBeNull();
    expect(receiptFilename(data, 'json')).toBe(`nachweis-${data.event.seq}-opt_in.json`);
    const receipt = consentReceiptSchema.parse(buildConsentReceipt(data));
    expectVerifies(receipt.ledger.tlog, data.event.hash);
    expect(receipt.ledger.tlog!.index).toBe(data.event.seq! - 1);
    expect(data.ledger).toMatchObject({ index: data.event.seq! - 1, origin: expect.stringMatching(/\/ledger\//), verifierKey: ledgerVerifierKeys()[0] });
    expect(data.ledger!.checkpointSize).toBeGreaterThan(data.ledger!.index);
  });

  it('every mailed receipt JSON (opt-in and withdrawal) carries a proof that verifies, the same bytes when composed again', async () => {
    const a = await optIn('Mail Eins', '+4915112340002', 'eins@example.com');
    await sealAll();
    const w = await withdraw(a.contactId);
    await sealAll();
    const mails = await composedMails([a.eventId, w.eventId]);
    expect(mails.map((m) => m.row.kind).sort()).toEqual(['contact_receipt', 'contact_receipt', 'evidence_receipt', 'evidence_receipt']);
    const events = await inTenant((tx) => tx.select().from(consentEvents).where(inArray(consentEvents.id, [a.eventId, w.eventId])));
    for (const { row, mail } of mails) {
      expect(mail.attachments.map((x) => x.contentType.split(';')[0])).toEqual(['application/pdf', 'application/json']);
      const receipt = consentReceiptSchema.parse(jsonAttachment(mail));
      const event = events.find((e) => e.id === row.relatedId)!;
      expect(receipt.ledger.seq).toBe(event.seq);
      expectVerifies(receipt.ledger.tlog, event.hash);
    }
    // A later event makes a newer checkpoint: a mail retried after a crash must still carry the same bytes (the proof
    // against the checkpoint that sealed its event, not the latest one).
    await optIn('Später', '+4915112340003');
    await sealAll();
    for (const { row, mail } of mails) expect((await composeMail(row)).attachments).toEqual(mail.attachments);
  }, 60_000);

  it('the PDF prints the proof as a QR code once sealed, and none while recorded', async () => {
    const r = await optIn('Pdf Person', '+4915112340004');
    const images = (pdf: Buffer) => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;
    expect(images(await renderReceiptPdf(await receiptOf(r.eventId), 'de'))).toBe(0);
    await sealAll();
    expect(images(await renderReceiptPdf(await receiptOf(r.eventId), 'en'))).toBeGreaterThan(0);
  }, 60_000);

  it('a receipt issued before the contact was erased still verifies, and so does one of the erased event', async () => {
    const r = await optIn('Gelöscht Bald', '+4915112340005', 'bald@example.com');
    await sealAll();
    const issued = buildConsentReceipt(await receiptOf(r.eventId));
    const erased = await inTenant((tx) => eraseContact(tx, { tenantId: s.tenant.id, contactId: r.contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: 'vitest' }));
    await sealAll();
    expectVerifies(issued.ledger.tlog, issued.ledger.eventHash);
    // Composed again after the erasure (e.g. the company's evidence copy): the same proof, still verifying.
    const after = buildConsentReceipt(await receiptOf(r.eventId));
    expect(after.ledger.tlog).toEqual(issued.ledger.tlog);
    const erasedEvent = await inTenant((tx) => tx.select().from(consentEvents).where(eq(consentEvents.id, erased.eventId)));
    expectVerifies(buildConsentReceipt(await receiptOf(erased.eventId)).ledger.tlog, erasedEvent[0]!.hash);
  }, 60_000);
});
