import { readdir, rm } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '@/db/schema';
import { withSystem } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { enqueueMail } from '../enqueue';
import { localOutboxDir } from '../transport';
import { processDueMail } from '../worker';

let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  process.env.DATA_DIR = `.data-test/outbox-${process.pid}-${Date.now()}`;
  delete process.env.RESEND_API_KEY;
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
  await rm(process.env.DATA_DIR!, { recursive: true, force: true });
});

describe('mail outbox (local transport)', () => {
  it('delivers committed mail once to the local outbox and records it as sent', async () => {
    const id = await withSystem((tx) =>
      enqueueMail(tx, { tenantId: null, kind: 'test', to: 'a@example.com', subject: 'Hallo', html: '<p>Hallo</p>', text: 'Hallo https://x.example/y' }),
    );
    // A rolled-back transaction leaves no mail behind.
    await expect(
      withSystem(async (tx) => {
        await enqueueMail(tx, { tenantId: null, kind: 'test', to: 'b@example.com', subject: 'Nie', html: '', text: '' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');

    expect(await processDueMail(db.db)).toBe(1);
    expect(await processDueMail(db.db)).toBe(0);
    const [row] = await db.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: `local-${id}` });
    const files = await readdir(localOutboxDir());
    expect(files.filter((f) => f.includes(id))).toHaveLength(1);
    expect(files).toHaveLength(1);
  });
});
