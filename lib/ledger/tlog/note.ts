import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './hash';

// C2SP signed-note (https://c2sp.org/signed-note) with Ed25519, following golang.org/x/mod/sumdb/note: verifier keys
// "<name>+<hex key id>+<base64(0x01 ‖ pubkey)>", signer keys "PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ seed)>",
// key id = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ pubkey)[:4], signature lines "— <name> <base64(key id ‖ signature)>".

const ALG_ED25519 = 0x01;
const SIG_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;
// Go's unicode.IsSpace: ASCII whitespace, U+0085, U+00A0 and the Unicode White_Space characters.
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// The format forbids ASCII control characters other than newline.
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;

/** Why a note or key was refused. `code` is stable for callers and tests; message is for people. */
export class NoteError extends Error {
  constructor(
    readonly code: 'malformed-note' | 'malformed-key' | 'unknown-algorithm' | 'key-id-mismatch' | 'invalid-signature' | 'no-verified-signature' | 'ambiguous-key',
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

/** A key name: non-empty, well-formed, no Unicode space and no plus. */
export function isValidKeyName(name: string): boolean {
  return name !== '' && !LONE_SURROGATE.test(name) && !SPACE.test(name) && !name.includes('+');
}

/** key id = first 4 bytes (big-endian uint32) of SHA-256(name ‖ 0x0A ‖ typed public key). */
export function keyId(name: string, typedPublicKey: Uint8Array): number {
  return createHash('sha256').update(name, 'utf8').update('\n').update(typedPublicKey).digest().readUInt32BE(0);
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A public key that verifies note signatures. */
export interface NoteVerifier {
  name: string;
  keyId: number;
  /** The encoded verifier key string it was made from. */
  vkey: string;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** A private key that signs notes. */
export interface NoteSigner {
  name: string;
  keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

function splitKey(text: string, parts: number): string[] | null {
  const out: string[] = [];
  let rest = text;
  for (let i = 0; i < parts - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return null;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest); // the last part is base64, which may itself contain '+'
  return out;
}

function parseKeyParts(name: string, hash16: string, key64: string): { id: number; key: Uint8Array } {
  const key = decodeBase64(key64);
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || !key || key.length === 0 || !isValidKeyName(name)) throw new NoteError('malformed-key', 'malformed key');
  if (key[0] !== ALG_ED25519) throw new NoteError('unknown-algorithm', 'unknown key algorithm');
  if (key.length !== 33) throw new NoteError('malformed-key', 'malformed key');
  return { id: parseInt(hash16, 16), key };
}

/** Parses a verifier key "<name>+<hash>+<keydata>" (as sumdb/note NewVerifier). */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = splitKey(vkey, 3);
  if (!parts) throw new NoteError('malformed-key', 'malformed verifier key');
  const [name, hash16, key64] = parts;
  const { id, key } = parseKeyParts(name, hash16, key64);
  if (keyId(name, key) !== id) throw new NoteError('key-id-mismatch', 'verifier key id does not match the key');
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519, key.subarray(1)]), format: 'der', type: 'spki' });
  return { name, keyId: id, vkey, verify: (message, signature) => signature.length === 64 && verify(null, message, publicKey, signature) };
}

/** Parses a signer key "PRIVATE+KEY+<name>+<hash>+<keydata>" (as sumdb/note NewSigner); checks the id against the derived public key. */
export function parseSignerKey(skey: string): NoteSigner & { vkey: string } {
  const parts = splitKey(skey, 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new NoteError('malformed-key', 'malformed signer key');
  const [, , name, hash16, key64] = parts;
  const { id, key } = parseKeyParts(name, hash16, key64);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, key.subarray(1)]), format: 'der', type: 'pkcs8' });
  const vkey = verifierKeyFor(name, createPublicKey(privateKey));
  if (parseVerifierKey(vkey).keyId !== id) throw new NoteError('key-id-mismatch', 'signer key id does not match the key');
  return { name, keyId: id, vkey, sign: (message) => new Uint8Array(sign(null, message, privateKey)) };
}

function rawPublicKey(publicKey: KeyObject): Uint8Array {
  return new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519.length));
}

function verifierKeyFor(name: string, publicKey: KeyObject): string {
  const typed = Buffer.concat([Buffer.of(ALG_ED25519), rawPublicKey(publicKey)]);
  return `${name}+${hex8(keyId(name, typed))}+${encodeBase64(typed)}`;
}

/** Generates a new Ed25519 key pair for `name` (as sumdb/note GenerateKey): the signer key is secret. */
export function generateNoteKey(name: string): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) throw new NoteError('malformed-key', 'invalid key name');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519.length);
  const vkey = verifierKeyFor(name, publicKey);
  const id = vkey.split('+')[1];
  return { skey: `PRIVATE+KEY+${name}+${id}+${encodeBase64(Buffer.concat([Buffer.of(ALG_ED25519), seed]))}`, vkey };
}

/** A signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  base64: string;
}

/** A signed note after Open: its text (ending in newline), verified and unverified (unknown-key) signatures. */
export interface OpenedNote {
  text: string;
  sigs: NoteSignature[];
  unverifiedSigs: NoteSignature[];
}

/** Signs `text` (which must end in a newline) with each signer and returns the encoded note. */
export function signNote(text: string, ...signers: NoteSigner[]): string {
  if (!text.endsWith('\n') || !wellFormed(text)) throw new NoteError('malformed-note', 'malformed note');
  const message = new TextEncoder().encode(text);
  const lines = signers.map((s) => {
    if (!isValidKeyName(s.name)) throw new NoteError('malformed-key', 'invalid signer name');
    const id = Buffer.alloc(4);
    id.writeUInt32BE(s.keyId);
    return `${SIG_PREFIX}${s.name} ${encodeBase64(Buffer.concat([id, s.sign(message)]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

function wellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text) && !CONTROL.test(text);
}

/** Decodes note bytes strictly as UTF-8 (a note given as a string is checked for lone surrogates instead). */
function noteString(msg: string | Uint8Array): string {
  if (typeof msg === 'string') return msg;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(msg);
  } catch {
    throw new NoteError('malformed-note', 'malformed note');
  }
}

/** Parses one signature line (without its newline). */
function parseSignatureLine(line: string): NoteSignature & { sig: Uint8Array } {
  if (!line.startsWith(SIG_PREFIX)) throw new NoteError('malformed-note', 'malformed note');
  const rest = line.slice(SIG_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const b64 = space < 0 ? '' : rest.slice(space + 1);
  const raw = decodeBase64(b64);
  if (!raw || !isValidKeyName(name) || b64 === '' || raw.length < 5) throw new NoteError('malformed-note', 'malformed note');
  return { name, keyId: Buffer.from(raw.subarray(0, 4)).readUInt32BE(0), base64: b64, sig: raw.subarray(4) };
}

/**
 * Opens a signed note (as sumdb/note Open): strict syntax, signatures by unknown keys (name and id not both matching)
 * are kept as unverified and otherwise ignored, a known key's bad signature rejects the note, duplicates are dropped,
 * and at least one known key must have signed. Throws NoteError.
 */
export function openNote(msg: string | Uint8Array, known: readonly NoteVerifier[]): OpenedNote {
  const note = noteString(msg);
  if (!wellFormed(note)) throw new NoteError('malformed-note', 'malformed note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed-note', 'malformed note');
  const text = note.slice(0, split + 1);
  const sigBlock = note.slice(split + 2);
  if (sigBlock === '' || !sigBlock.endsWith('\n')) throw new NoteError('malformed-note', 'malformed note');
  const opened: OpenedNote = { text, sigs: [], unverifiedSigs: [] };
  const seen = new Set<string>();
  const message = new TextEncoder().encode(text);
  const lines = sigBlock.slice(0, -1).split('\n');
  for (const [i, line] of lines.entries()) {
    const s = parseSignatureLine(line);
    if (i + 1 > MAX_SIGNATURES) throw new NoteError('malformed-note', 'malformed note');
    const matches = known.filter((v) => v.name === s.name && v.keyId === s.keyId);
    if (matches.length > 1) throw new NoteError('ambiguous-key', `ambiguous key ${s.name}+${hex8(s.keyId)}`);
    const entry = { name: s.name, keyId: s.keyId, base64: s.base64 };
    if (matches.length === 0) {
      if (!seen.has(`u ${line}`)) opened.unverifiedSigs.push(entry);
      seen.add(`u ${line}`);
      continue;
    }
    if (seen.has(`k ${s.name}+${s.keyId}`)) continue;
    seen.add(`k ${s.name}+${s.keyId}`);
    if (!matches[0].verify(message, s.sig)) throw new NoteError('invalid-signature', `invalid signature for key ${s.name}+${hex8(s.keyId)}`);
    opened.sigs.push(entry);
  }
  if (opened.sigs.length === 0) throw new NoteError('no-verified-signature', 'note has no verifiable signatures');
  return opened;
}
