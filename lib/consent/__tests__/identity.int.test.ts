import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, contactIdentities, contacts, mailOutbox } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import { createTestDb } from '@/lib/testing/test-db';
import { seedTenantWithLink, sealAll } from '@/lib/testing/fixtures';
import { findContactByToken, contactEvents } from '../find-contact';
import { piiHash } from '../pii';
import { decisionSchema } from '../schemas';
import { submitDecision } from '../submit-decision';
import { verifyChain } from '../verify-chain';
import { verifyIdentities } from '../verify-identities';
import { withdrawConsent } from '../withdraw';

// Issue #11 items 2–4a: a submission can neither read nor rewrite what another submission of the same number
// recorded; double opt-in never skips confirmation; verification recomputes every pii_hash from stored data.

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('ident-a');
});
afterAll(() => db.close());

const submit = (t: typeof s, fields: Record<string, string>) =>
  submitDecision({
    slug: t.tenant.slug,
    token: t.token,
    input: decisionSchema.parse({ idempotencyKey: randomUUID(), ...(fields.decision === 'opt_in' ? { noticeVersionId: t.version.id, confirmed: '1' } : {}), ...fields }),
    ip: '203.0.113.0',
    userAgent: 'vitest',
    baseUrl: 'http://localhost:3000',
  }).then(async (r) => {
    await sealAll(); // verification walks sealed events (issue #16)
    return r;
  });
/** Runs SQL as the database owner with the append-only triggers lifted: what a superuser with database access can do. */
async function asSuperuser(statements: string[]) {
  await withSystem(async (tx) => {
    await tx.execute(sql.raw('alter table contact_identities disable trigger contact_identities_append_only'));
    for (const q of statements) await tx.execute(sql.raw(q));
    await tx.execute(sql.raw('alter table contact_identities enable trigger contact_identities_append_only'));
  });
}

describe('contact takeover through an invite link (issue #11, item 2)', () => {
  it('a refusal with a known number gets its own contact and capability; the earlier contact, its receipt and its mails are untouched', async () => {
    const anna = await submit(s, { decision: 'opt_in', name: 'Anna Kundin', phone: '0151 22222222', email: 'anna@example.com' });
    const attacker = await submit(s, { decision: 'opt_out', name: 'Attacker', phone: '0151 22222222', email: 'attacker@evil.test' });

    expect(attacker.contactId).not.toBe(anna.contactId);
    expect(attacker.contactToken).not.toBe(anna.contactToken);
    // The attacker's capability shows only what the attacker recorded.
    const found = await withSystem((tx) => findContactByToken(tx, s.tenant.slug, attacker.contactToken, 'contact'));
    expect(found.contact.id).toBe(attacker.contactId);
    const seen = await withTenant(s.tenant.id, (tx) => contactEvents(tx, s.tenant.id, found.contact.id));
    expect(seen.map((e) => e.id)).toEqual([attacker.eventId]);

    const [annaRow] = await withTenant(s.tenant.id, (tx) => tx.select().from(contacts).where(eq(contacts.id, anna.contactId)));
    expect(annaRow).toMatchObject({ name: 'Anna Kundin', email: 'anna@example.com', status: 'opted_in' });
    const receipt = await withTenant(s.tenant.id, (tx) => gatherReceipt(tx, s.tenant.id, anna.eventId));
    expect(receipt.contact).toMatchObject({ name: 'Anna Kundin', email: 'anna@example.com' });
    expect(receipt.contactEvents.map((e) => e.id)).toEqual([anna.eventId]);

    // No mail about Anna's event goes to the attacker.
    const toAttacker = await withSystem((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.to, 'attacker@evil.test')));
    expect(toAttacker.map((m) => m.relatedId)).toEqual([attacker.eventId]);
  });

  it('each event references its own identity version, and its pii_hash is that version recomputed', async () => {
    const r = await submit(s, { decision: 'opt_in', name: 'Berta', phone: '0151 33333333' });
    const [row] = await withTenant(s.tenant.id, (tx) =>
      tx
        .select({ event: consentEvents, identity: contactIdentities })
        .from(consentEvents)
        .innerJoin(contactIdentities, and(eq(contactIdentities.tenantId, consentEvents.tenantId), eq(contactIdentities.id, consentEvents.identityId)))
        .where(eq(consentEvents.id, r.eventId)),
    );
    expect(row!.identity).toMatchObject({ contactId: r.contactId, name: 'Berta', phoneE164: '+4915133333333' });
    expect(piiHash(row!.identity.piiSalt!, { name: 'Berta', phoneE164: '+4915133333333', email: null })).toBe(row!.event.piiHash);
    // A withdrawal commits to the same version.
    const w = await withTenant(s.tenant.id, (tx) => withdrawConsent(tx, { tenantId: s.tenant.id, contactId: r.contactId, idempotencyKey: randomUUID(), language: 'de', ip: null, userAgent: null }));
    await sealAll();
    const [we] = await withTenant(s.tenant.id, (tx) => tx.select().from(consentEvents).where(eq(consentEvents.id, w.eventId)));
    expect(we).toMatchObject({ identityId: row!.identity.id, piiHash: row!.event.piiHash });
  });

  it('identity versions are append-only: the app cannot rewrite one, only erase it (data and salt together)', async () => {
    const r = await submit(s, { decision: 'opt_in', name: 'Carla', phone: '0151 44444444' });
    await expect(
      withTenant(s.tenant.id, (tx) => tx.update(contactIdentities).set({ name: 'Forged' }).where(eq(contactIdentities.contactId, r.contactId))),
    ).rejects.toThrow();
    await withTenant(s.tenant.id, (tx) =>
      tx.update(contactIdentities).set({ name: null, phoneE164: null, email: null, piiSalt: null, erasedAt: new Date() }).where(eq(contactIdentities.contactId, r.contactId)),
    );
    const v = await withTenant(s.tenant.id, (tx) => verifyIdentities(tx, s.tenant.id));
    expect(v.ok).toBe(true);
    expect(v.erased).toBeGreaterThanOrEqual(1);
  });
});

describe('double opt-in (issue #11, item 3)', () => {
  it('refuses an opt-in without an e-mail with a field error, writing nothing; with one it stays pending', async () => {
    const d = await seedTenantWithLink('ident-doi', { doubleOptIn: true });
    await expect(submit(d, { decision: 'opt_in', name: 'Dora', phone: '0151 55555555' })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { email: 'consent.errors.emailForConfirmation' },
    });
    expect(await withTenant(d.tenant.id, (tx) => tx.select().from(consentEvents))).toHaveLength(0);
    expect(await withTenant(d.tenant.id, (tx) => tx.select().from(contacts))).toHaveLength(0);
    const ok = await submit(d, { decision: 'opt_in', name: 'Dora', phone: '0151 55555555', email: 'dora@example.com' });
    expect(ok.status).toBe('pending');
    // A refusal needs no confirmation.
    expect((await submit(d, { decision: 'opt_out' })).status).toBe('opted_out');
  });

  it('is on for a new tenant unless it is turned off', async () => {
    const fresh = await withSystem((tx) => tx.execute(sql`insert into tenants (slug, name) values ('ident-new', 'Neu GmbH') returning double_opt_in`));
    const rows = (fresh as unknown as { rows?: { double_opt_in: boolean }[] }).rows ?? (fresh as unknown as { double_opt_in: boolean }[]);
    expect(rows[0]!.double_opt_in).toBe(true);
  });
});

describe('verification recomputes every pii_hash (issue #11, item 4)', () => {
  it('reports the exact event whose identity data was rewritten, and a contact row that differs from its identity', async () => {
    const t = await seedTenantWithLink('ident-tamper');
    const first = await submit(t, { decision: 'opt_in', name: 'Anna Echt', phone: '0151 66666666' });
    const second = await submit(t, { decision: 'opt_in', name: 'Bernd Echt', phone: '0151 77777777' });
    expect(await withTenant(t.tenant.id, (tx) => verifyIdentities(tx, t.tenant.id))).toMatchObject({ ok: true, checked: 2 });

    // The forged contact row alone: the receipt still shows what the event recorded, verification names the event.
    await withSystem((tx) => tx.update(contacts).set({ name: 'Anna Forged', phoneE164: '+4915199999999' }).where(eq(contacts.id, first.contactId)));
    const receipt = await withTenant(t.tenant.id, (tx) => gatherReceipt(tx, t.tenant.id, first.eventId));
    expect(receipt.contact?.name).toBe('Anna Echt');
    expect(await withTenant(t.tenant.id, (tx) => verifyIdentities(tx, t.tenant.id))).toMatchObject({ ok: false, firstBreak: { eventId: first.eventId, reason: 'contact_copy' } });

    // The identity version forged too (trigger lifted by a superuser): the commitment no longer matches.
    await asSuperuser([`update contact_identities set name = 'Anna Forged', phone_e164 = '+4915199999999' where contact_id = '${first.contactId}'`]);
    expect(await withTenant(t.tenant.id, (tx) => verifyIdentities(tx, t.tenant.id))).toMatchObject({ ok: false, firstBreak: { eventId: first.eventId, reason: 'pii' } });
    // The chain verification (dashboard button, report, /verify) reports it too, although every chain hash still holds.
    const chain = await withTenant(t.tenant.id, (tx) => verifyChain(tx, t.tenant.id, { remember: false }));
    expect(chain.ok).toBe(false);
    expect(chain.breaks).toEqual([expect.objectContaining({ eventId: first.eventId, reason: 'pii' })]);

    // Restored, the second event's salt swapped: caught at the second event.
    await asSuperuser([
      `update contact_identities set name = 'Anna Echt', phone_e164 = '+4915166666666' where contact_id = '${first.contactId}'`,
      `update contact_identities set pii_salt = md5('x') where contact_id = '${second.contactId}'`,
    ]);
    await withSystem((tx) => tx.update(contacts).set({ name: 'Anna Echt', phoneE164: '+4915166666666' }).where(eq(contacts.id, first.contactId)));
    expect(await withTenant(t.tenant.id, (tx) => verifyIdentities(tx, t.tenant.id))).toMatchObject({ ok: false, firstBreak: { eventId: second.eventId, reason: 'pii' } });

    // Data without a salt is not an erasure.
    await asSuperuser([`update contact_identities set pii_salt = null where contact_id = '${second.contactId}'`]);
    expect(await withTenant(t.tenant.id, (tx) => verifyIdentities(tx, t.tenant.id))).toMatchObject({ ok: false, firstBreak: { eventId: second.eventId, reason: 'pii' } });
  });
});
