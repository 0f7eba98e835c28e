import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contacts, mailOutbox } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { gatherReceipt } from '@/lib/evidence/receipt-data';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';

// Issue #11, item 2, as the attacker ran it: the public JSON API with a victim's number, through the real route
// handler (next/headers supplied here).
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'user-agent': 'attacker' }) }));
const { POST } = await import('@/app/api/public/consent/[tenant]/[token]/route');

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('takeover');
});
afterAll(() => db.close());

async function post(body: Record<string, unknown>) {
  const res = await POST(
    new Request(`http://localhost/api/public/consent/${s.tenant.slug}/${s.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ tenant: s.tenant.slug, token: s.token }) },
  );
  return { status: res.status, body: (await res.json()) as { eventId: string; personalUrl: string } };
}

describe('contact takeover with an invite link and a phone number', () => {
  it("gives the attacker neither the contact's personal link nor a way to change what the contact's receipt shows", async () => {
    const victim = await post({ decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: 'Anna Kundin', phone: '0151 22222222', email: 'anna@example.com', idempotencyKey: randomUUID() });
    expect(victim.status).toBe(201);
    const attack = await post({ decision: 'opt_out', phone: '0151 22222222', name: 'Attacker', email: 'attacker@evil.test', idempotencyKey: randomUUID() });
    expect(attack.status).toBe(201);

    expect(attack.body.personalUrl).not.toBe(victim.body.personalUrl);
    const victimRows = await withTenant(s.tenant.id, (tx) => tx.select().from(contacts).where(eq(contacts.name, 'Anna Kundin')));
    expect(victimRows).toHaveLength(1);
    expect(victimRows[0]).toMatchObject({ email: 'anna@example.com', status: 'opted_in' });
    const receipt = await withTenant(s.tenant.id, (tx) => gatherReceipt(tx, s.tenant.id, victim.body.eventId));
    expect(receipt.contact?.name).toBe('Anna Kundin');
    expect(JSON.stringify(receipt)).not.toContain('Attacker');
    const attackerMail = await withSystem((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.to, 'attacker@evil.test')));
    expect(attackerMail.map((m) => m.relatedId)).toEqual([attack.body.eventId]);
  });
});
