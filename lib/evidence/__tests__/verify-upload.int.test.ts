import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as proofJson } from '@/app/(public)/verify/[hash]/proof.json/route';
import { POST } from '@/app/(public)/verify/route';
import { decisionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { withTenant } from '@/lib/db/with-tenant';
import { ledgerSigner } from '@/lib/ledger/signing';
import { signCheckpoint } from '@/lib/ledger/tlog/checkpoint';
import { leafHash, nodeHash } from '@/lib/ledger/tlog/hash';
import { generateNoteKey, parseSignerKey } from '@/lib/ledger/tlog/note';
import type { ReceiptProof } from '@/lib/ledger/tlog/receipt-proof';
import { formatTlogProof } from '@/lib/ledger/tlog/tlog-proof';
import { sealAll, seedTenantWithLink } from '@/lib/testing/fixtures';
import { createTestDb } from '@/lib/testing/test-db';
import { gatherReceipt } from '../receipt-data';
import { buildConsentReceipt } from '../receipt-json';
import { verifyEventByHash } from '../verify-event';
import { checkpointBody } from '../receipt-ledger';
import { MAX_RECEIPT_BYTES, verifyUploadedReceipt } from '../verify-upload';

// Issue #16: the public /verify page checks an uploaded receipt with the published key — signature, inclusion, and
// consistency with the company's latest checkpoint — and refuses hostile uploads with a clear 4xx.

vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-einw-client-ip': `198.51.100.${Math.floor(Math.random() * 250)}`, 'user-agent': 'vitest' }) }));

let db: Awaited<ReturnType<typeof createTestDb>>;
let s: Awaited<ReturnType<typeof seedTenantWithLink>>;
let receipt: ReturnType<typeof buildConsentReceipt>;

const optIn = (i: number) =>
  submitDecision({
    slug: s.tenant.slug,
    token: s.token,
    input: decisionSchema.parse({ idempotencyKey: randomUUID(), decision: 'opt_in', noticeVersionId: s.version.id, confirmed: '1', name: `Prüfung ${i}`, phone: `+4915133330${String(i).padStart(3, '0')}` }),
    ip: null,
    userAgent: 'vitest',
    baseUrl: 'http://localhost:3000',
  });

beforeAll(async () => {
  db = await createTestDb();
  s = await seedTenantWithLink('verify-upload');
  const r = await optIn(1);
  await optIn(2);
  await sealAll();
  receipt = buildConsentReceipt(await withTenant(s.tenant.id, (tx) => gatherReceipt(tx, s.tenant.id, r.eventId)));
  // The log grows after the receipt was issued: the page checks the receipt's checkpoint against the newer one.
  await optIn(3);
  await sealAll();
});
afterAll(() => db.close());

const upload = (body: BodyInit, headers: Record<string, string> = {}) => POST(new Request('http://localhost/verify', { method: 'POST', body, headers }), { params: Promise.resolve({}) });
const fileForm = (text: string | Blob, name = 'receipt') => {
  const form = new FormData();
  form.set(name, typeof text === 'string' ? new Blob([text], { type: 'application/json' }) : text, 'receipt.json');
  return form;
};
const checksOf = async (res: Response) => {
  const html = await res.text();
  return Object.fromEntries([...html.matchAll(/data-testid="check-(\w+)" data-ok="(true|false)"/g)].map((m) => [m[1], m[2] === 'true']));
};

describe('POST /verify: an uploaded receipt', () => {
  it('verifies a mailed receipt: key, signature, inclusion, consistency with the latest checkpoint', async () => {
    const res = await upload(fileForm(JSON.stringify(receipt)));
    expect(res.status).toBe(200);
    expect(await checksOf(res)).toEqual({ key: true, signature: true, inclusion: true, consistency: true });
    const result = await verifyUploadedReceipt(receipt.ledger.tlog as ReceiptProof);
    expect(result).toMatchObject({ ok: true, eventHash: receipt.ledger.eventHash, tenantName: s.tenant.name, checkpoint: { size: 2 }, latestSize: 3 });
  });

  it('fails a changed entry (inclusion) and a checkpoint signed by another key (signature): 422', async () => {
    const tlog = receipt.ledger.tlog!;
    const entry = Buffer.from(tlog.entry, 'base64');
    entry[entry.length - 3] ^= 1;
    const changed = await upload(fileForm(JSON.stringify({ ...receipt, ledger: { ...receipt.ledger, tlog: { ...tlog, entry: entry.toString('base64') } } })));
    expect(changed.status).toBe(422);
    expect(await checksOf(changed)).toEqual({ key: true, signature: true, inclusion: false });

    const body = checkpointBody(tlog.checkpoint);
    const other = parseSignerKey(generateNoteKey('someone-else').skey);
    const foreign = signCheckpoint(body, other);
    const res = await upload(fileForm(JSON.stringify({ ...tlog, checkpoint: foreign, proof: tlog.proof.replace(tlog.checkpoint, foreign), verifierKey: other.vkey })));
    expect(res.status).toBe(422);
    expect(await checksOf(res)).toEqual({ key: true, signature: false });
  });

  it('fails consistency for a validly signed checkpoint of another tree (the log was rewritten after it left)', async () => {
    const tlog = receipt.ledger.tlog!;
    const { origin } = checkpointBody(tlog.checkpoint);
    // A two-leaf tree of this entry and a forged one, signed with the real key: inclusion holds, the stored log disagrees.
    const forgedLeaf = leafHash(Buffer.from('{"forged":true}'));
    const root = nodeHash(leafHash(Buffer.from(tlog.entry, 'base64')), forgedLeaf);
    const forged = signCheckpoint({ origin, size: 2, root, extensions: [] }, ledgerSigner());
    const proof: ReceiptProof = { ...tlog, index: 0, checkpoint: forged, proof: formatTlogProof({ index: 0, hashes: [forgedLeaf], checkpoint: forged }) };
    const res = await upload(fileForm(JSON.stringify(proof)));
    expect(res.status).toBe(422);
    expect(await checksOf(res)).toEqual({ key: true, signature: true, inclusion: true, consistency: false });
    // A consistency proof the file brings along does not count.
    const result = await verifyUploadedReceipt({ ...proof, consistency: { size1: 2, size2: 3, hashes: [] } });
    expect(result.checks.at(-1)).toMatchObject({ name: 'consistency', ok: false });
  });

  it('refuses hostile uploads with a clear 4xx', async () => {
    expect((await upload('receipt=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(400);
    expect((await upload(fileForm('x'), {})).status).toBe(400); // not JSON
    expect((await upload(fileForm('{"ledger":{"tlog":{"format":"einwilligung-tlog-receipt@v1","index":"7"}}}'))).status).toBe(422);
    expect((await upload(fileForm('[1,2,3]'))).status).toBe(422);
    expect((await upload(fileForm(JSON.stringify(receipt), 'other'))).status).toBe(400); // no file field "receipt"
    expect((await upload(fileForm(new Blob([new Uint8Array([0xff, 0xfe, 0x7b])])))).status).toBe(400); // not UTF-8
    const big = await upload(fileForm(`{"pad":"${'x'.repeat(MAX_RECEIPT_BYTES)}"}`));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('64 kB');
    // A body larger than the limit is cut off while streaming, whatever Content-Length says (none here).
    const stream = new ReadableStream({
      pull(c) {
        c.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const endless = await POST(new Request('http://localhost/verify', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'multipart/form-data; boundary=x' } } as RequestInit), { params: Promise.resolve({}) });
    expect(endless.status).toBe(413);
  });
});

describe('the event-hash lookup', () => {
  it('says recorded or sealed in checkpoint N, and offers the proof JSON of a sealed event', async () => {
    const found = await verifyEventByHash(receipt.ledger.eventHash);
    expect(found).toMatchObject({ seq: receipt.ledger.seq, sealedIn: 2 });
    const res = await proofJson(new Request(`http://localhost/verify/${receipt.ledger.eventHash}/proof.json`), { params: Promise.resolve({ hash: receipt.ledger.eventHash }) });
    expect(res.status).toBe(200);
    const proof = (await res.json()) as ReceiptProof;
    expect(proof.entry).toBe(receipt.ledger.tlog!.entry);
    expect((await verifyUploadedReceipt(proof)).ok).toBe(true);

    const recorded = await optIn(9);
    const row = await withTenant(s.tenant.id, (tx) => gatherReceipt(tx, s.tenant.id, recorded.eventId));
    expect(await verifyEventByHash(row.event.hash)).toMatchObject({ seq: null, sealedIn: null });
    const none = await proofJson(new Request(`http://localhost/verify/${row.event.hash}/proof.json`), { params: Promise.resolve({ hash: row.event.hash }) });
    expect(none.status).toBe(404);
  });
});
