import { type Hash, decodeBase64, decodeHash, emptyRoot, encodeBase64, hashEqual, leafHash } from './hash';
import { type NodeReader, consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './merkle';
import { type VerifiedCheckpoint, openCheckpoint } from './checkpoint';
import { type NoteVerifier, parseVerifierKey } from './note';
import { formatTlogProof, parseTlogProof } from './tlog-proof';

/**
 * What a receipt carries to prove its event is in the tenant's log — in a receipt JSON under `ledger.tlog`, or as a
 * file of its own. Everything is text so it survives JSON, mail and copy-paste unchanged.
 */
export interface ReceiptProof {
  /** Format marker of this object. */
  format: 'einwilligung-tlog-receipt@v1';
  /** base64 of the entry: the event's canonical bytes. The leaf hash is SHA-256(0x00 ‖ entry). */
  entry: string;
  /** Zero-based index of the entry in the log (the tlog-proof repeats it). */
  index: number;
  /** C2SP tlog-proof text: index, inclusion proof and the checkpoint (verbatim) it proves inclusion in. */
  proof: string;
  /** The signed checkpoint (C2SP signed note) covering the entry; identical to the one inside `proof`. */
  checkpoint: string;
  /** The log's verifier key as printed on the receipt. Informational: trust the published key (--pubkey). */
  verifierKey?: string;
  /** Optional consistency proof from this checkpoint's size to another (later) checkpoint's size. */
  consistency?: ConsistencyProofJson;
}

/** A consistency proof between two tree sizes, hashes in base64 (RFC 6962 §2.1.2 order). */
export interface ConsistencyProofJson {
  size1: number;
  size2: number;
  hashes: string[];
}

/** Builds the receipt proof for entry `index` from a node store and a signed checkpoint of `size` leaves. */
export function makeReceiptProof(entry: Uint8Array, index: number, read: NodeReader, checkpoint: { signed: string; size: number }, verifierKey?: string): ReceiptProof {
  const hashes = inclusionProof(read, index, checkpoint.size);
  return {
    format: 'einwilligung-tlog-receipt@v1',
    entry: encodeBase64(entry),
    index,
    proof: formatTlogProof({ index, hashes, checkpoint: checkpoint.signed }),
    checkpoint: checkpoint.signed,
    ...(verifierKey ? { verifierKey } : {}),
  };
}

/** A consistency proof between two sizes of a stored tree, as JSON. */
export function makeConsistencyProof(read: NodeReader, size1: number, size2: number): ConsistencyProofJson {
  return { size1, size2, hashes: consistencyProof(read, size1, size2).map(encodeBase64) };
}

/** One verdict line of a verification. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ReceiptVerification {
  ok: boolean;
  checks: Check[];
  checkpoint?: VerifiedCheckpoint;
}

export interface VerifyOptions {
  /**
   * The trusted verifier keys ("<name>+<hex id>+<base64>"): the published key, plus retired ones after a rotation.
   * Without any, the receipt's own key is used, with a check saying so.
   */
  verifierKeys?: string[];
  /** The log the receipt must be from (checkpoint origin line); any origin when absent (it is printed). */
  origin?: string;
  /** Another signed checkpoint of the same log (older or later) to check consistency against. */
  otherCheckpoint?: string;
  /** Consistency proof hashes (base64) between the two checkpoints' sizes, when the receipt does not carry them. */
  consistencyHashes?: string[];
}

/** Checks a receipt proof offline: signature, entry ↔ proof ↔ checkpoint, inclusion, and optional consistency. */
export function verifyReceiptProof(receipt: ReceiptProof, opts: VerifyOptions = {}): ReceiptVerification {
  const checks: Check[] = [];
  const verifiers = loadVerifiers(receipt, opts, checks);
  if (!verifiers) return { ok: false, checks };
  let cp: VerifiedCheckpoint;
  try {
    cp = openCheckpoint(receipt.checkpoint, verifiers, opts.origin);
    const by = cp.note.sigs.map((s) => `${s.name}+${s.keyId.toString(16).padStart(8, '0')}`).join(', ');
    checks.push({ name: 'signature', ok: true, detail: `checkpoint of ${cp.origin} at size ${cp.size} signed by ${by}` });
  } catch (e) {
    checks.push({ name: 'signature', ok: false, detail: (e as Error).message });
    return { ok: false, checks };
  }
  const inclusion = checkInclusion(receipt, cp);
  checks.push(inclusion);
  if (!inclusion.ok) return { ok: false, checks, checkpoint: cp };
  if (opts.otherCheckpoint !== undefined) {
    checks.push(checkConsistency(receipt, cp, verifiers, opts));
  }
  return { ok: checks.every((c) => c.ok), checks, checkpoint: cp };
}

function loadVerifiers(receipt: ReceiptProof, opts: VerifyOptions, checks: Check[]): NoteVerifier[] | null {
  const own = !opts.verifierKeys?.length;
  const keys = own ? (receipt.verifierKey ? [receipt.verifierKey] : []) : opts.verifierKeys!;
  if (keys.length === 0) {
    checks.push({ name: 'key', ok: false, detail: 'no verifier key: pass --pubkey with the published key' });
    return null;
  }
  try {
    const vs = keys.map((k) => parseVerifierKey(k.trim()));
    const names = vs.map((v) => v.name).join(', ');
    checks.push({ name: 'key', ok: true, detail: own ? 'using the key printed in the receipt itself: compare it with the published key' : `trusted key(s) ${names}` });
    return vs;
  } catch (e) {
    checks.push({ name: 'key', ok: false, detail: `verifier key: ${(e as Error).message}` });
    return null;
  }
}

function checkInclusion(receipt: ReceiptProof, cp: VerifiedCheckpoint): Check {
  const name = 'inclusion';
  const entry = typeof receipt.entry === 'string' ? decodeBase64(receipt.entry) : null;
  if (!entry) return { name, ok: false, detail: 'entry is not base64' };
  let proof;
  try {
    proof = parseTlogProof(receipt.proof);
  } catch (e) {
    return { name, ok: false, detail: `tlog-proof: ${(e as Error).message}` };
  }
  if (proof.index !== receipt.index) return { name, ok: false, detail: `the proof is for index ${proof.index}, the receipt says ${receipt.index}` };
  if (proof.checkpoint !== receipt.checkpoint) return { name, ok: false, detail: 'the proof carries a different checkpoint than the receipt' };
  const why = verifyInclusion(proof.index, cp.size, leafHash(entry), proof.hashes, cp.root);
  if (why) return { name, ok: false, detail: `entry ${proof.index} is not in the checkpoint's tree: ${why}` };
  return { name, ok: true, detail: `entry ${proof.index} is leaf ${proof.index} of the tree of size ${cp.size}` };
}

function checkConsistency(receipt: ReceiptProof, cp: VerifiedCheckpoint, verifiers: NoteVerifier[], opts: VerifyOptions): Check {
  const name = 'consistency';
  let other: VerifiedCheckpoint;
  try {
    other = openCheckpoint(opts.otherCheckpoint!, verifiers, cp.origin);
  } catch (e) {
    return { name, ok: false, detail: `other checkpoint: ${(e as Error).message}` };
  }
  const [small, large] = other.size <= cp.size ? [other, cp] : [cp, other];
  if (small.size === 0) {
    const ok = hashEqual(small.root, emptyRoot());
    return { name, ok, detail: ok ? 'the other checkpoint is of the empty tree' : 'a size-0 checkpoint with a non-empty root' };
  }
  const hashes = proofHashes(receipt, opts, small.size, large.size);
  if (!hashes) return { name, ok: false, detail: `no consistency proof from size ${small.size} to ${large.size} (receipt or --consistency)` };
  const why = verifyConsistency(small.size, large.size, hashes, small.root, large.root);
  if (why) return { name, ok: false, detail: `the checkpoints of sizes ${small.size} and ${large.size} are NOT consistent (${why}): the log was rewritten` };
  return { name, ok: true, detail: `the tree of size ${large.size} extends the tree of size ${small.size}` };
}

function proofHashes(receipt: ReceiptProof, opts: VerifyOptions, size1: number, size2: number): Hash[] | null {
  if (size1 === size2) return [];
  const c = receipt.consistency;
  const texts = opts.consistencyHashes ?? (c && c.size1 === size1 && c.size2 === size2 ? c.hashes : null);
  if (!texts) return null;
  const hashes = texts.map(decodeHash);
  return hashes.every((h): h is Hash => h !== null) ? hashes : null;
}
