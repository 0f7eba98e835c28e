import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersonalView } from '@/lib/consent/personal-view';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { withTenant } from '@/lib/db/with-tenant';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { getContact } from '../get-contact';
import { listEvents } from '../list-events';
import { sealedInCheckpoints } from '../sealed-in';

// Issue #16: the dashboard and the personal page show an event as "recorded" until it is sealed, then "sealed in
// checkpoint N" — N the size of the first checkpoint covering it, looked up per shown row on the checkpoint key.

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('sealed-in');
});
afterAll(() => db.close());

const optIn = (i: number) =>
  submitDecision({
    slug: s.tenant.slug,
    token: s.token,
    input: decisionSchema.parse({ idempotencyKey: randomUUID(), decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: `Siegel ${i}`, phone: `+4915122220${String(i).padStart(3, '0')}` }),
    ip: null,
    userAgent: 'vitest',
    baseUrl: 'http://localhost:3000',
  });

describe('recorded, then sealed in checkpoint N', () => {
  it('names the first checkpoint covering each event in the ledger list, the contact page and the personal page', async () => {
    const first = [await optIn(1), await optIn(2), await optIn(3)];
    expect(await sealAll()).toBe(3); // one batch: checkpoint of size 3
    const second = [await optIn(4), await optIn(5)];
    expect(await sealAll()).toBe(2); // checkpoint of size 5
    const recorded = await optIn(6); // not sealed yet

    const page = await withTenant(s.tenant.id, (tx) => listEvents(tx, s.tenant.id, {}));
    const byEvent = new Map(page.rows.map((r) => [r.id, r.sealedIn]));
    for (const r of first) expect(byEvent.get(r.eventId)).toBe(3);
    for (const r of second) expect(byEvent.get(r.eventId)).toBe(5);
    expect(byEvent.get(recorded.eventId)).toBeNull();

    const contact = await withTenant(s.tenant.id, (tx) => getContact(tx, s.tenant.id, second[0]!.contactId));
    expect(contact.events.map((e) => e.sealedIn)).toEqual([5]);
    const personal = await loadPersonalView(s.tenant.slug, recorded.contactToken);
    expect(personal.events.map((e) => e.sealedIn)).toEqual([null]);
    await sealAll();
    const sealedNow = await loadPersonalView(s.tenant.slug, recorded.contactToken);
    expect(sealedNow.events.map((e) => e.sealedIn)).toEqual([6]);
  });

  it('asks nothing for recorded events and nothing for an empty page', async () => {
    expect(await withTenant(s.tenant.id, (tx) => sealedInCheckpoints(tx, s.tenant.id, [null, null]))).toEqual(new Map());
    expect(await withTenant(s.tenant.id, (tx) => sealedInCheckpoints(tx, s.tenant.id, [1, 4, 4, 6]))).toEqual(
      new Map([
        [1, 3],
        [4, 5],
        [6, 6],
      ]),
    );
  });
});
