import { type Hash, HASH_SIZE, decodeBase64, decodeHash, encodeBase64 } from './hash';
import { parseDecimal } from './checkpoint';

// C2SP tlog-proof (https://c2sp.org/tlog-proof):
//   c2sp.org/tlog-proof@v1
//   [extra <base64>]
//   index <decimal>
//   <base64 hash>…            (inclusion proof, leaf's sibling first)
//   <empty line>
//   <checkpoint, verbatim signed note>

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/** A parsed tlog proof. The checkpoint is kept verbatim (verify it with openCheckpoint). */
export interface TlogProof {
  extra?: Uint8Array;
  index: number;
  hashes: Hash[];
  checkpoint: string;
}

/** Why a tlog proof could not be parsed. */
export class TlogProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlogProofError';
  }
}

/** Serialises a tlog proof. */
export function formatTlogProof(p: TlogProof): string {
  if (!Number.isSafeInteger(p.index) || p.index < 0) throw new TlogProofError('index must be a non-negative integer');
  if (p.hashes.some((h) => h.length !== HASH_SIZE)) throw new TlogProofError('proof hashes must be 32 bytes');
  if (p.extra !== undefined && p.extra.length === 0) throw new TlogProofError('extra data, when present, must not be empty');
  const lines = [TLOG_PROOF_HEADER];
  if (p.extra) lines.push(`extra ${encodeBase64(p.extra)}`);
  lines.push(`index ${p.index}`, ...p.hashes.map(encodeBase64));
  return `${lines.join('\n')}\n\n${p.checkpoint}`;
}

/** Parses a tlog proof strictly; the checkpoint part is returned verbatim and checked by the caller's openCheckpoint. */
export function parseTlogProof(text: string): TlogProof {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new TlogProofError('no empty line before the checkpoint');
  const lines = text.slice(0, split).split('\n');
  const checkpoint = text.slice(split + 2);
  if (lines[0] !== TLOG_PROOF_HEADER) throw new TlogProofError(`first line must be ${TLOG_PROOF_HEADER}`);
  let at = 1;
  let extra: Uint8Array | undefined;
  if (lines[at]?.startsWith('extra ')) {
    const decoded = decodeBase64(lines[at].slice('extra '.length));
    if (!decoded || decoded.length === 0) throw new TlogProofError('extra line is not base64');
    extra = decoded;
    at++;
  }
  const indexLine = lines[at] ?? '';
  const index = indexLine.startsWith('index ') ? parseDecimal(indexLine.slice('index '.length)) : null;
  if (index === null) throw new TlogProofError('missing or malformed index line');
  const hashes = lines.slice(at + 1).map((line) => {
    const h = decodeHash(line);
    if (!h) throw new TlogProofError('proof line is not base64 of a 32-byte hash');
    return h;
  });
  if (checkpoint === '') throw new TlogProofError('missing checkpoint');
  return { ...(extra ? { extra } : {}), index, hashes, checkpoint };
}
