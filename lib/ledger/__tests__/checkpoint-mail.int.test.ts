import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerTrees, mailOutbox, tenants } from '@/db/schema';
import { withSystem } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { openCheckpoint } from '../tlog/checkpoint';
import { parseVerifierKey } from '../tlog/note';
import { CHECKPOINT_MAIL, runDueCheckpointMails } from '../checkpoint-mail';
import { ledgerSigner } from '../signing';

// The daily checkpoint mail (issue #16): the signed checkpoint leaves the database once a day when the log grew.
let db: Awaited<ReturnType<typeof createTestDb>>;
type Seeded = Awaited<ReturnType<typeof seedTenantWithLink>>;

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '100000';
  db = await createTestDb();
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  await db.close();
});

async function decide(s: Seeded, n: number) {
  for (let i = 0; i < n; i++) {
    const input = decisionSchema.parse({ decision: 'opt_out', idempotencyKey: randomUUID() });
    await submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: '203.0.113.0', userAgent: 'vitest', baseUrl: 'http://localhost:3000' });
  }
  await sealAll();
}
const mailsOf = (s: Seeded) => db.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, s.tenant.id), eq(mailOutbox.kind, CHECKPOINT_MAIL)));
const run = async (s: Seeded) => {
  const ids = await runDueCheckpointMails();
  const mine = new Set((await mailsOf(s)).map((m) => m.id));
  return ids.filter((id) => mine.has(id));
};
/** A day passes: the tenant's checkpoint mails so far were written yesterday. */
const dayPasses = (s: Seeded) =>
  db.db.update(mailOutbox).set({ createdAt: sql`${mailOutbox.createdAt} - interval '1 day'` }).where(and(eq(mailOutbox.tenantId, s.tenant.id), eq(mailOutbox.kind, CHECKPOINT_MAIL)));

describe('daily checkpoint mail (issue #16)', () => {
  it('mails the signed checkpoint (text and checkpoint-<size>.txt) to the evidence address once a day, only when the log grew', async () => {
    const s = await seedTenantWithLink('cpmail');
    await decide(s, 3);
    expect(await run(s)).toHaveLength(1);
    const [mail] = await mailsOf(s);
    expect(mail).toMatchObject({ to: 'nachweise@cpmail.example', relatedId: '3' });
    expect(mail!.subject).toContain('Checkpoint 3');
    const [attachment] = mail!.attachments;
    expect(attachment).toMatchObject({ filename: 'checkpoint-3.txt', contentType: expect.stringMatching(/^text\/plain/) });
    const note = Buffer.from(attachment!.contentBase64, 'base64').toString('utf8');
    expect(openCheckpoint(note, [parseVerifierKey(ledgerSigner().vkey)])).toMatchObject({ size: 3, origin: expect.stringContaining(s.tenant.id) });
    expect(mail!.text).toContain(note);
    expect(mail!.text).toMatch(/bewahren Sie diese Mail/);
    expect(mail!.text).toMatch(/keep this mail/);
    const [tree] = await db.db.select().from(ledgerTrees).where(eq(ledgerTrees.tenantId, s.tenant.id));
    expect(tree!.checkpointMailedSize).toBe(3);

    // The same day: nothing more, even after the log grew.
    await decide(s, 2);
    expect(await run(s)).toHaveLength(0);
    // The next day: the new checkpoint (once, with two instances at it); then nothing until it grows again.
    await dayPasses(s);
    const [next] = await Promise.all([run(s), run(s)]);
    const all = await mailsOf(s);
    expect(all).toHaveLength(2);
    expect(all.map((m) => m.relatedId).sort()).toEqual(['3', '5']);
    expect(next!.length).toBeLessThanOrEqual(1);
    await dayPasses(s);
    expect(await run(s)).toHaveLength(0);
  });

  it('sends nothing for a tenant without an evidence address, or without any sealed event', async () => {
    const s = await seedTenantWithLink('cpmail-none');
    const empty = await seedTenantWithLink('cpmail-empty');
    await withSystem((tx) => tx.update(tenants).set({ evidenceEmail: null }).where(eq(tenants.id, s.tenant.id)));
    await decide(s, 1);
    expect(await run(s)).toHaveLength(0);
    expect(await run(empty)).toHaveLength(0);
  });
});
