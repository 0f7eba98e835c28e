import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderContactHistoryPdf, renderLedgerReportPdf, renderReceiptPdf } from '@/lib/evidence/pdf/render';
import { recordDecision, type DecisionContext } from '@/lib/consent/record-decision';
import { withdrawConsent } from '@/lib/consent/withdraw';
import { withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink, sealAll } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { receiptForContactToken } from '../contact-receipt';
import { gatherContactHistory } from '../history-data';
import { gatherReceipt } from '../receipt-data';
import { buildConsentReceipt, consentReceiptSchema } from '../receipt-json';
import { gatherLedgerReport } from '../report-data';
import { verifyEventByHash } from '../verify-event';

/** Text of a PDF as poppler's pdftotext reads it. */
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
let other: Awaited<ReturnType<typeof seedTenantWithLink>>;
let optIn: { eventId: string; contactId: string; contactToken: string };

const ctx = (t: typeof s): DecisionContext => ({
  tenant: { id: t.tenant.id, slug: t.tenant.slug, name: t.tenant.name, doubleOptIn: false },
  link: t.link,
  noticeVersion: { id: t.version.id, textHash: t.version.textHash! },
  ip: '203.0.113.0',
  userAgent: 'Mozilla/5.0 (Android) Test',
  language: 'de',
  baseUrl: 'http://localhost',
});

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('beweis-gmbh');
  other = await seedTenantWithLink('andere-gmbh');
  optIn = await withTenant(s.tenant.id, (tx) =>
    recordDecision(tx, ctx(s), { decision: 'opt_in', name: 'Jürgen Größe', phoneE164: '+491715550123', email: 'j@example.com', idempotencyKey: randomUUID() }),
  );
  await withTenant(s.tenant.id, (tx) => withdrawConsent(tx, { tenantId: s.tenant.id, contactId: optIn.contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: null }));
  await withTenant(other.tenant.id, (tx) => recordDecision(tx, ctx(other), { decision: 'opt_out', idempotencyKey: randomUUID() }));
  await sealAll(); // as the sequencer would within milliseconds (issue #16)
});
afterAll(() => db.close());

describe('evidence', () => {
  it('renders a receipt PDF whose text has the company, decision, contact, notice hash and event hash', async () => {
    const data = await withTenant(s.tenant.id, (tx) => gatherReceipt(tx, s.tenant.id, optIn.eventId));
    const text = pdfText(await renderReceiptPdf(data, 'de'));
    const flat = text.replace(/\s+/g, '');
    expect(text).toContain('beweis-gmbh GmbH');
    expect(text).toContain('Jürgen Größe');
    expect(text).toContain('+491715550123');
    expect(text).toMatch(/Einwilligung/);
    expect(flat).toContain(s.version.textHash!);
    expect(flat).toContain(data.event.hash);
    expect(flat).toContain(`/verify/${data.event.hash}`);
    expect(text).toContain('Datenschutzhinweis WhatsApp'); // the notice text shown
  });

  it('builds a receipt JSON that validates and identifies the contact by id, not by phone', async () => {
    const data = await withTenant(s.tenant.id, (tx) => gatherReceipt(tx, s.tenant.id, optIn.eventId));
    const receipt = buildConsentReceipt(data);
    expect(consentReceiptSchema.safeParse(receipt).success).toBe(true);
    expect(JSON.stringify(receipt)).not.toContain('1715550123');
    expect(JSON.stringify(receipt)).toContain(optIn.contactId);
    expect(JSON.stringify(receipt)).toContain(s.version.textHash!);
  });

  it('renders the contact history and a ledger report with the chain result', async () => {
    const history = await withTenant(s.tenant.id, (tx) => gatherContactHistory(tx, s.tenant.id, optIn.contactId));
    expect(history.events.map((e) => e.type)).toEqual(['opt_in', 'withdrawn']);
    const htext = pdfText(await renderContactHistoryPdf(history, 'de'));
    expect(htext).toContain('Jürgen Größe');
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    const pdf = await withTenant(s.tenant.id, async (tx) => renderLedgerReportPdf(await gatherLedgerReport(tx, s.tenant.id, { from: today, to: today }), 'en'));
    const rtext = pdfText(pdf);
    expect(rtext).toContain('beweis-gmbh GmbH');
    expect(rtext).not.toContain('andere-gmbh');
  });

  it("answers another tenant's event and contact with not found", async () => {
    await expect(withTenant(other.tenant.id, (tx) => gatherReceipt(tx, other.tenant.id, optIn.eventId))).rejects.toMatchObject({ status: 404 });
    await expect(withTenant(other.tenant.id, (tx) => gatherContactHistory(tx, other.tenant.id, optIn.contactId))).rejects.toMatchObject({ status: 404 });
  });

  it('shows a withdrawal with the notice of the consent it withdraws, and serves the contact their latest receipt', async () => {
    const data = await receiptForContactToken(s.tenant.slug, optIn.contactToken);
    expect(data.event.type).toBe('withdrawn');
    expect(data.notice?.textHash).toBe(s.version.textHash);
    expect(data.noticeFromSeq).toBe(1);
    expect(data.contactEvents.map((e) => e.type)).toEqual(['opt_in', 'withdrawn']);
    expect(buildConsentReceipt(data).events.map((e) => e.type)).toEqual(['given', 'withdrawn']);
    await expect(receiptForContactToken(other.tenant.slug, optIn.contactToken)).rejects.toMatchObject({ status: 404 });
  });

  it('verifies an event by its hash without personal data', async () => {
    const data = await withTenant(s.tenant.id, (tx) => gatherReceipt(tx, s.tenant.id, optIn.eventId));
    const result = await verifyEventByHash(data.event.hash);
    expect(result).toMatchObject({ tenantName: 'beweis-gmbh GmbH', seq: 1, type: 'opt_in', chain: { ok: true, events: 2 } });
    expect(JSON.stringify(result)).not.toMatch(/Jürgen|1715550123|j@example/);
    expect(await verifyEventByHash('0'.repeat(64))).toBeNull();
  });

  it('reports 1,000 events of a range (time and memory printed as a measurement)', async () => {
    const big = await seedTenantWithLink('bericht-gmbh');
    for (let batch = 0; batch < 10; batch++) {
      await withTenant(big.tenant.id, async (tx) => {
        for (let i = 0; i < 100; i++) {
          const n = batch * 100 + i;
          await recordDecision(tx, ctx(big), n % 4 === 3 ? { decision: 'opt_out', idempotencyKey: randomUUID() } : { decision: 'opt_in', name: `Kundin ${n} Größe`, phoneE164: `+4917155${String(n).padStart(5, '0')}`, idempotencyKey: randomUUID() });
        }
      });
    }
    await sealAll();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const pdf = await withTenant(big.tenant.id, async (tx) => renderLedgerReportPdf(await gatherLedgerReport(tx, big.tenant.id, { from: today, to: today }), 'de'));
    const ms = Math.round(performance.now() - started);
    const mb = (b: number) => Math.round(b / 1048576);
    console.log(`[measurement] ledger report, 1,000 events (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}): ${ms} ms, ${Math.round(pdf.length / 1024)} kB, rss ${mb(rssBefore)} → ${mb(process.memoryUsage().rss)} MB, peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
    const text = pdfText(pdf);
    expect(text).toMatch(/Einwilligung erteilt\s+750/);
    expect(text).toMatch(/Einwilligung abgelehnt\s+250/);
    expect(text).toContain('Intakt: Alle 1.000 Ereignisse');
    const rows = text.split('\n').filter((l) => /^\s*\d+\s+\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d\s/.test(l));
    expect(rows).toHaveLength(1000);
    expect(text).not.toContain('beweis-gmbh');
  });
});
