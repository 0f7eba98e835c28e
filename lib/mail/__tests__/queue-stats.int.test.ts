import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '@/db/schema';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { enqueueMail } from '../enqueue';
import { mailQueue } from '../queue-stats';

let db: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());

const mail = (tenantId: string, kind: string, to: string) => ({ tenantId, kind, to, subject: 's', html: '<p>h</p>', text: 't' });

describe('mail queue for the dashboard', () => {
  it("counts the tenant's waiting mail per lane with the oldest one, the dead ones and the latest failures, and nothing of another tenant", async () => {
    const a = await seedTenantWithLink('queue-a');
    const b = await seedTenantWithLink('queue-b');
    await withTenant(a.tenant.id, async (tx) => {
      await enqueueMail(tx, mail(a.tenant.id, 'evidence_receipt', 'nachweise@queue-a.example'));
      await enqueueMail(tx, mail(a.tenant.id, 'evidence_receipt', 'nachweise@queue-a.example'));
      await enqueueMail(tx, mail(a.tenant.id, 'double_opt_in', 'kunde@queue-a.example'));
    });
    const failed = await withTenant(a.tenant.id, (tx) => enqueueMail(tx, mail(a.tenant.id, 'evidence_receipt', 'nachweise@queue-a.example')));
    await withSystem((tx) => tx.update(mailOutbox).set({ status: 'dead', attempts: 12, lastError: 'Resend: validation_error: bad address' }).where(eq(mailOutbox.id, failed)));
    await withTenant(b.tenant.id, (tx) => enqueueMail(tx, mail(b.tenant.id, 'evidence_receipt', 'nachweise@queue-b.example')));
    await withSystem((tx) => enqueueMail(tx, { ...mail(a.tenant.id, 'magic_link', 'owner@queue-a.example'), tenantId: null }));

    const q = await mailQueue(a.tenant.id);
    expect(q.lanes.map((l) => [l.lane, l.waiting])).toEqual([
      ['interactive', 1],
      ['bulk', 2],
    ]);
    expect(q.lanes.every((l) => l.oldestCreatedAt instanceof Date)).toBe(true);
    expect(q.dead).toBe(1);
    expect(q.failures).toEqual([expect.objectContaining({ id: failed, status: 'dead', attempts: 12, lastError: 'Resend: validation_error: bad address' })]);
    expect(JSON.stringify(q)).not.toContain('queue-b');
    expect(JSON.stringify(q)).not.toContain('owner@');
    expect(q.providerBlockedUntil).toBeNull();
  });
});
