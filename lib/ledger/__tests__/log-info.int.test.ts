import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/lib/db/with-tenant';
import { createTestDb } from '@/lib/testing/test-db';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { openCheckpoint } from '../tlog/checkpoint';
import { parseVerifierKey } from '../tlog/note';
import { keyFingerprint, ledgerLogInfo } from '../log-info';
import { ledgerSigner } from '../signing';

// What the dashboard's ledger page shows of the transparency log (issue #16).
let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  process.env.CONSENT_RATE_LIMIT_IP = '100000';
  db = await createTestDb();
});
afterAll(async () => {
  delete process.env.CONSENT_RATE_LIMIT_IP;
  await db.close();
});

describe('ledgerLogInfo', () => {
  it('origin, the signing key with its fingerprint, and the latest signed checkpoint (none before the first seal)', async () => {
    const s = await seedTenantWithLink('log-info');
    const before = await withTenant(s.tenant.id, (tx) => ledgerLogInfo(tx, s.tenant.id));
    expect(before).toMatchObject({ origin: expect.stringMatching(new RegExp(`/ledger/${s.tenant.id}$`)), checkpoint: null, key: { vkey: ledgerSigner().vkey } });
    for (let i = 0; i < 2; i++) {
      const input = decisionSchema.parse({ decision: 'opt_out', idempotencyKey: randomUUID() });
      await submitDecision({ slug: s.tenant.slug, token: s.token, input, ip: '203.0.113.0', userAgent: 'vitest', baseUrl: 'http://localhost:3000' });
      await sealAll();
    }
    const info = await withTenant(s.tenant.id, (tx) => ledgerLogInfo(tx, s.tenant.id));
    expect(info.checkpoint).toMatchObject({ size: 2, createdAt: expect.any(Date) });
    expect(openCheckpoint(info.checkpoint!.note, [parseVerifierKey(info.key.vkey)], info.origin).size).toBe(2);
    // The fingerprint is SHA-256 of the typed public key (0x01 ‖ Ed25519 key), in groups of four hex digits.
    const typed = Buffer.from(info.key.vkey.split('+').slice(2).join('+'), 'base64');
    expect(typed).toHaveLength(33);
    expect(info.key.fingerprint.replaceAll(' ', '')).toBe(createHash('sha256').update(typed).digest('hex'));
    expect(info.key.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(info.key.keyId).toBe(info.key.vkey.split('+')[1]);
    expect(keyFingerprint(info.key.vkey)).toBe(info.key.fingerprint);
  });
});
