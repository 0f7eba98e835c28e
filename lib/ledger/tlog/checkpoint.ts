import { type Hash, decodeHash, encodeBase64 } from './hash';
import { type NoteSigner, type NoteVerifier, type OpenedNote, openNote, signNote } from './note';

// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text "<origin>\n<size>\n<base64 root>\n" plus
// optional non-empty extension lines, signed as a C2SP signed note.

/** A checkpoint body. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
  extensions: string[];
}

/** Why a checkpoint body was refused. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** Parses a decimal with no leading zeroes into a safe integer; null otherwise. */
export function parseDecimal(text: string): number | null {
  if (!DECIMAL.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** The note text of a checkpoint. */
export function formatCheckpoint(c: Checkpoint): string {
  if (c.origin === '' || /\n/.test(c.origin)) throw new CheckpointError('origin must be one non-empty line');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new CheckpointError('size must be a non-negative integer');
  if (c.root.length !== 32) throw new CheckpointError('root must be 32 bytes');
  if (c.extensions.some((l) => l === '' || l.includes('\n'))) throw new CheckpointError('extension lines must be non-empty lines');
  return [c.origin, String(c.size), encodeBase64(c.root), ...c.extensions].join('\n') + '\n';
}

/** Parses checkpoint note text strictly (origin, size without leading zeroes, 32-byte base64 root, non-empty extensions). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('checkpoint text must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError('checkpoint needs origin, size and root hash lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === '') throw new CheckpointError('empty origin');
  const size = parseDecimal(sizeLine);
  if (size === null) throw new CheckpointError('tree size is not a decimal without leading zeroes');
  const root = decodeHash(rootLine);
  if (!root) throw new CheckpointError('root hash is not base64 of 32 bytes');
  if (extensions.some((l) => l === '')) throw new CheckpointError('empty extension line');
  return { origin, size, root, extensions };
}

/** Formats and signs a checkpoint; the signer's key name should equal the origin. */
export function signCheckpoint(c: Checkpoint, ...signers: NoteSigner[]): string {
  return signNote(formatCheckpoint(c), ...signers);
}

/** A checkpoint whose signature verified. */
export interface VerifiedCheckpoint extends Checkpoint {
  note: OpenedNote;
  /** The signed note exactly as given. */
  signed: string;
}

/**
 * Opens a signed checkpoint: the note must verify with one of `known` (see openNote) and its text must be a valid
 * checkpoint; when `origin` is given, the checkpoint must be for that log. Throws NoteError or CheckpointError.
 */
export function openCheckpoint(signed: string, known: readonly NoteVerifier[], origin?: string): VerifiedCheckpoint {
  const note = openNote(signed, known);
  const c = parseCheckpoint(note.text);
  if (origin !== undefined && c.origin !== origin) throw new CheckpointError(`checkpoint is for ${c.origin}, not ${origin}`);
  return { ...c, note, signed };
}
