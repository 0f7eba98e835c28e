import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigestMail } from '@/lib/evidence/compose-mails';
import { consentEvents, evidenceDigests, mailOutbox, tenants } from '@/db/schema';
import { recordDecision, type DecisionContext } from '@/lib/consent/record-decision';
import { withdrawConsent } from '@/lib/consent/withdraw';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { profileSchema } from '@/lib/tenants/profile-schema';
import { updateProfile } from '@/lib/tenants/update-profile';
import { seedTenantWithLink, sealAll } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { DIGEST_TYPES } from '../digest-data';
import { DIGEST_MAIL, runDueDigests } from '../digest';

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8');
const HOUR = 3_600_000;

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
let other: Awaited<ReturnType<typeof seedTenantWithLink>>;

const ctx = (t: typeof s, evidenceDelivery: 'each' | 'hourly' | 'daily' = 'hourly'): DecisionContext => ({
  tenant: { id: t.tenant.id, slug: t.tenant.slug, name: t.tenant.name, doubleOptIn: false, evidenceEmail: `nachweise@${t.tenant.slug}.example`, evidenceDelivery },
  link: t.link,
  noticeVersion: { id: t.version.id, textHash: t.version.textHash! },
  ip: '203.0.113.0',
  userAgent: 'Mozilla/5.0 (Android) Test',
  language: 'de',
  baseUrl: 'http://localhost',
});

let n = 0;
/** n decisions of the tenant (every third an opt-out, the rest opt-ins with an e-mail), each in its own transaction. */
async function decide(t: typeof s, count: number, delivery: 'each' | 'hourly' = t === s ? 'hourly' : 'each') {
  const out: { eventId: string; contactId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const k = n++;
    const optOut = k % 3 === 2;
    out.push(
      await withTenant(t.tenant.id, (tx) =>
        recordDecision(tx, ctx(t, delivery), {
          decision: optOut ? 'opt_out' : 'opt_in',
          name: `Kundin ${k}`,
          phoneE164: `+49171${String(5550000 + k)}`,
          email: optOut ? null : `kundin${k}@example.com`,
          idempotencyKey: randomUUID(),
        }),
      ),
    );
  }
  // Digests cover sealed events (seq ranges): seal them as the sequencer would within milliseconds (issue #16).
  await sealAll();
  return out;
}

const digests = (tenantId: string) =>
  withTenant(tenantId, (tx) => tx.select().from(evidenceDigests).where(eq(evidenceDigests.tenantId, tenantId)).orderBy(asc(evidenceDigests.fromSeq)));
const decisionSeqs = (tenantId: string) =>
  withTenant(tenantId, (tx) =>
    tx
      .select({ seq: consentEvents.seq })
      .from(consentEvents)
      .where(and(eq(consentEvents.tenantId, tenantId), inArray(consentEvents.type, [...DIGEST_TYPES])))
      .orderBy(asc(consentEvents.seq)),
  ).then((r) => r.map((x) => x.seq!)); // sealed by decide()
const mailsOf = (tenantId: string, kind: string) =>
  withSystem((tx) => tx.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.kind, kind))));

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('sammel-gmbh');
  other = await seedTenantWithLink('einzeln-gmbh');
  await withSystem((tx) => tx.update(tenants).set({ evidenceDelivery: 'hourly' }).where(eq(tenants.id, s.tenant.id)));
});
afterAll(() => db.close());

describe('evidence digests', () => {
  let t0: number;

  it('queues no per-decision mail to the evidence address with a digest on; the contact copy is unchanged', async () => {
    const made = await decide(s, 5);
    const ids = made.map((m) => m.eventId);
    const evidence = (await mailsOf(s.tenant.id, 'evidence_receipt')).filter((m) => ids.includes(m.relatedId!));
    const contact = (await mailsOf(s.tenant.id, 'contact_receipt')).filter((m) => ids.includes(m.relatedId!));
    expect(evidence).toHaveLength(0);
    expect(contact.length).toBeGreaterThan(0); // opt-ins with an e-mail
    // A tenant on one mail per decision still gets one.
    const [single] = await decide(other, 1).then(() => mailsOf(other.tenant.id, 'evidence_receipt'));
    expect(single).toBeDefined();
  });

  it('two concurrent runs write one digest with one mail; the other tenant gets none', async () => {
    t0 = Date.now() + HOUR; // the next hour has begun: the period of the decisions above has ended
    const [a, b] = await Promise.all([runDueDigests(undefined, { now: new Date(t0) }), runDueDigests(undefined, { now: new Date(t0) })]);
    const written = [...a, ...b];
    expect(written).toHaveLength(1);
    const rows = await digests(s.tenant.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.fromSeq).toBe(1);
    expect(rows[0]!.toSeq).toBe(5);
    const mails = await mailsOf(s.tenant.id, DIGEST_MAIL);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.relatedId).toBe(rows[0]!.id);
    expect(rows[0]!.mailId).toBe(mails[0]!.id);
    expect(mails[0]!.to).toBe('nachweise@sammel-gmbh.example');
    expect(await digests(other.tenant.id)).toHaveLength(0);
    // Same period again: nothing is due.
    expect(await runDueDigests(undefined, { now: new Date(t0 + 60_000) })).toHaveLength(0);
  });

  it('composes the digest mail to the same bytes on every attempt, with every decision in PDF and CSV', async () => {
    const [mail] = await mailsOf(s.tenant.id, DIGEST_MAIL);
    const compose = () => composeDigestMail({ tenantId: mail!.tenantId, relatedId: mail!.relatedId, kind: mail!.kind, to: mail!.to, createdAt: mail!.createdAt });
    const first = await compose();
    // Decisions after the digest must not change it.
    await decide(s, 1);
    const second = await compose();
    expect(second).toEqual(first);
    const [pdf, csv] = first.attachments;
    expect(pdf!.contentType).toBe('application/pdf');
    const text = pdfText(Buffer.from(pdf!.contentBase64, 'base64')).replace(/\s+/g, '');
    const csvText = Buffer.from(csv!.contentBase64, 'base64').toString('utf8');
    const hashes = await withTenant(s.tenant.id, (tx) =>
      tx.select({ hash: consentEvents.hash, seq: consentEvents.seq }).from(consentEvents).where(eq(consentEvents.tenantId, s.tenant.id)),
    );
    for (const h of hashes.filter((x) => x.seq !== null && x.seq <= 5)) {
      expect(text).toContain(h.hash);
      expect(csvText).toContain(h.hash);
    }
    expect(text).toContain('Kundin0'); // who: the identity data of the event
    expect(text).toContain(s.version.textHash!);
    expect(csvText.trimEnd().split('\r\n')).toHaveLength(6);
    expect(first.subject).toContain('5 Entscheidungen');
  });

  it('decisions arriving during a run land in the next digest; across three periods the digests hold every decision once', async () => {
    // Period 2: decisions recorded while the run of period 2's end goes on.
    const t1 = t0 + HOUR;
    const [run] = await Promise.all([runDueDigests(undefined, { now: new Date(t1) }), decide(s, 4)]);
    expect(run.length).toBeLessThanOrEqual(1);
    // A withdrawal (a decision) and a period without any decision.
    const c = await withTenant(s.tenant.id, (tx) => recordDecision(tx, ctx(s), { decision: 'opt_in', name: 'Widerruf', idempotencyKey: randomUUID() }));
    await withTenant(s.tenant.id, (tx) => withdrawConsent(tx, { tenantId: s.tenant.id, contactId: c.contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: null }));
    await sealAll();
    const t2 = t1 + HOUR;
    await runDueDigests(undefined, { now: new Date(t2) });
    const t3 = t2 + HOUR;
    await decide(s, 2);
    await runDueDigests(undefined, { now: new Date(t3) });
    expect(await runDueDigests(undefined, { now: new Date(t3 + HOUR) })).toHaveLength(0); // nothing new: no row, no mail

    const rows = await digests(s.tenant.id);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // Contiguous ranges from 1 to the head: nothing skipped, nothing twice.
    rows.forEach((r, i) => expect(r.fromSeq).toBe(i === 0 ? 1 : rows[i - 1]!.toSeq + 1));
    const all = await decisionSeqs(s.tenant.id);
    expect(rows.at(-1)!.toSeq).toBe(all.at(-1));
    const covered = rows.flatMap((r) => all.filter((q) => q >= r.fromSeq && q <= r.toSeq));
    expect(covered).toEqual(all);
    // Every digest with a decision has exactly one mail; each decision is in exactly one composed CSV.
    const mails = await mailsOf(s.tenant.id, DIGEST_MAIL);
    expect(mails).toHaveLength(rows.filter((r) => r.mailId).length);
    const seen: number[] = [];
    for (const m of mails) {
      const { attachments } = await composeDigestMail({ tenantId: m.tenantId, relatedId: m.relatedId, kind: m.kind, to: m.to, createdAt: m.createdAt });
      const lines = Buffer.from(attachments[1]!.contentBase64, 'base64').toString('utf8').trimEnd().split('\r\n').slice(1);
      seen.push(...lines.map((l) => Number(l.split(',')[0])));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(all);
  });

  it('switching the setting: to "each" sends the open range as a last digest now; back to a digest starts after the switch', async () => {
    const actor = { tenantId: s.tenant.id, userId: s.owner.id };
    const base = { name: 'sammel-gmbh GmbH', evidenceEmail: 'nachweise@sammel-gmbh.example' };
    await decide(s, 2);
    const before = (await digests(s.tenant.id)).length;
    await withTenant(s.tenant.id, (tx) => updateProfile(tx, actor, profileSchema.parse({ ...base, evidenceDelivery: 'each' })));
    const afterEach = await digests(s.tenant.id);
    expect(afterEach).toHaveLength(before + 1);
    expect(afterEach.at(-1)!.mailId).not.toBeNull();
    // Now one mail per decision again, and the job leaves the tenant alone.
    const [single] = await withTenant(s.tenant.id, (tx) =>
      recordDecision(tx, ctx(s, 'each'), { decision: 'opt_out', idempotencyKey: randomUUID() }).then((r) => [r]),
    );
    await sealAll();
    expect((await mailsOf(s.tenant.id, 'evidence_receipt')).map((m) => m.relatedId)).toContain(single!.eventId);
    expect(await runDueDigests(undefined, { now: new Date(t0 + 10 * HOUR) })).toHaveLength(0);
    // Back to daily: the range mailed one by one is closed without a mail; the next digest starts after it.
    await withTenant(s.tenant.id, (tx) => updateProfile(tx, actor, profileSchema.parse({ ...base, evidenceDelivery: 'daily' })));
    const baseline = (await digests(s.tenant.id)).at(-1)!;
    expect(baseline.mailId).toBeNull();
    const head = (await decisionSeqs(s.tenant.id)).at(-1)!;
    expect(baseline.toSeq).toBe(head);
  });
});

describe('evidence delivery setting', () => {
  it('round-trips through the profile form schema', () => {
    const base = { name: 'Firma' };
    expect(profileSchema.parse(base).evidenceDelivery).toBe('each');
    for (const v of ['each', 'hourly', 'daily'] as const) expect(profileSchema.parse({ ...base, evidenceDelivery: v }).evidenceDelivery).toBe(v);
    const bad = profileSchema.safeParse({ ...base, evidenceDelivery: 'weekly' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('profile.errors.evidenceDelivery');
  });
});
