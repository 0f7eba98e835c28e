import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ledgerTrees, tenants } from '@/db/schema';
import { readBodyLimited } from '@/lib/address-book/read-upload';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { consistencyProofFor, latestCheckpoint } from '@/lib/ledger/log-store';
import { ledgerVerifierKeys } from '@/lib/ledger/signing';
import { decodeBase64 } from '@/lib/ledger/tlog/hash';
import { type Check, type ReceiptProof, verifyReceiptProof } from '@/lib/ledger/tlog/receipt-proof';
import { receiptProofSchema } from './receipt-json';

/** The largest receipt file the public verify page accepts (a receipt is ≈ 5 kB; its proof grows with log₂ n). */
export const MAX_RECEIPT_BYTES = 64 * 1024;

/** Why an uploaded file was not verified at all: each a 4xx for the page. */
export type UploadRefusal = 'noFile' | 'tooLarge' | 'notJson' | 'noProof';

export type UploadVerification = {
  ok: boolean;
  /** key, signature, inclusion, and — when the log is ours — consistency with the tenant's latest checkpoint. */
  checks: Check[];
  /** SHA-256 of the entry: the event hash the receipt is about (look it up at /verify/<hash>). */
  eventHash: string;
  index: number;
  /** The receipt's checkpoint as signed, when its signature verified. */
  checkpoint: { origin: string; size: number } | null;
  /** The company whose log the checkpoint is of, when it is one of ours. */
  tenantName: string | null;
  latestSize: number | null;
};

/** The proof object in an uploaded file: a receipt JSON's `ledger.tlog`, or a bare proof. Null when there is none. */
export function proofInReceipt(json: unknown): ReceiptProof | null {
  const nested = (json as { ledger?: { tlog?: unknown } } | null)?.ledger?.tlog;
  for (const candidate of [nested, json]) {
    const parsed = receiptProofSchema.safeParse(candidate);
    if (parsed.success) return parsed.data as ReceiptProof;
  }
  return null;
}

/** Parses an uploaded receipt file's text; a refusal when it is no JSON or carries no proof. */
export function parseUploadedReceipt(text: string): ReceiptProof | UploadRefusal {
  if (Buffer.byteLength(text, 'utf8') > MAX_RECEIPT_BYTES) return 'tooLarge';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'notJson';
  }
  return proofInReceipt(json) ?? 'noProof';
}

/** The tenant whose log a checkpoint origin names (`<host>/ledger/<tenant id>`, as stored when its tree was created). */
async function tenantOfOrigin(origin: string): Promise<{ id: string; name: string } | null> {
  const id = origin.match(/\/ledger\/([0-9a-f-]{36})$/)?.[1];
  if (!id) return null;
  const [row] = await withSystem((tx) =>
    tx
      .select({ id: tenants.id, name: tenants.name, origin: ledgerTrees.origin })
      .from(ledgerTrees)
      .innerJoin(tenants, eq(tenants.id, ledgerTrees.tenantId))
      .where(eq(ledgerTrees.tenantId, id)),
  );
  return row && row.origin === origin ? { id: row.id, name: row.name } : null;
}

/**
 * Verifies an uploaded receipt proof as the offline verifier does — with the published keys (ledgerVerifierKeys),
 * never the key the receipt names — and, when its checkpoint is of one of our logs, checks that the tenant's latest
 * checkpoint extends it (consistency proof from the receipt's size to the latest, computed from the stored tiles).
 */
export async function verifyUploadedReceipt(proof: ReceiptProof): Promise<UploadVerification> {
  const keys = ledgerVerifierKeys();
  const entry = decodeBase64(proof.entry);
  const eventHash = entry ? createHash('sha256').update(entry).digest('hex') : '';
  const base = verifyReceiptProof(proof, { verifierKeys: keys });
  const result = { eventHash, index: proof.index, tenantName: null, latestSize: null, checkpoint: base.checkpoint ? { origin: base.checkpoint.origin, size: base.checkpoint.size } : null };
  if (!base.ok || !base.checkpoint) return { ...result, ok: false, checks: base.checks };
  const tenant = await tenantOfOrigin(base.checkpoint.origin);
  if (!tenant) return { ...result, ok: false, checks: [...base.checks, { name: 'consistency', ok: false, detail: `no log ${base.checkpoint.origin} here` }] };
  const size = base.checkpoint.size;
  const { latest, hashes } = await withTenant(tenant.id, async (tx) => {
    const latest = await latestCheckpoint(tx, tenant.id);
    const hashes = latest && latest.size >= size ? (await consistencyProofFor(tx, tenant.id, size, latest.size)).hashes : null;
    return { latest, hashes };
  });
  const named = { ...result, tenantName: tenant.name, latestSize: latest?.size ?? null };
  if (!latest || !hashes) {
    // A log now smaller than a checkpoint it signed was rewound (or lost its state): no proof can make that consistent.
    const detail = latest ? `the log now has ${latest.size} entries, fewer than the ${size} this receipt's checkpoint signed: it was rewound` : 'the log has no checkpoint';
    return { ...named, ok: false, checks: [...base.checks, { name: 'consistency', ok: false, detail }] };
  }
  // Only the proof computed here counts, never one the uploaded file brings along.
  const full = verifyReceiptProof({ ...proof, consistency: undefined }, { verifierKeys: keys, origin: base.checkpoint.origin, otherCheckpoint: latest.note, consistencyHashes: hashes });
  return { ...named, ok: full.ok, checks: full.checks };
}

// Room for the multipart boundary and headers around a file of MAX_RECEIPT_BYTES.
const MULTIPART_SLACK = 4 * 1024;

/**
 * The receipt file of the verify page's upload form (`receipt`), read within the byte limit before any parsing: an
 * endless or oversized body ends at MAX_RECEIPT_BYTES + slack, whatever Content-Length claimed.
 */
export async function readUploadedReceipt(request: Request): Promise<ReceiptProof | UploadRefusal> {
  const limit = MAX_RECEIPT_BYTES + MULTIPART_SLACK;
  if (Number(request.headers.get('content-length') ?? '0') > limit) return 'tooLarge';
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) return 'noFile';
  let raw: Uint8Array;
  try {
    raw = await readBodyLimited(request.body, limit);
  } catch (e) {
    if (e instanceof DomainError && e.status === 413) return 'tooLarge';
    return 'noFile';
  }
  let file: FormDataEntryValue | null;
  try {
    file = (await new Response(raw as BodyInit, { headers: { 'content-type': type } }).formData()).get('receipt');
  } catch {
    return 'noFile';
  }
  if (!(file instanceof Blob) || file.size === 0) return 'noFile';
  if (file.size > MAX_RECEIPT_BYTES) return 'tooLarge';
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'notJson';
  }
  return parseUploadedReceipt(text);
}
