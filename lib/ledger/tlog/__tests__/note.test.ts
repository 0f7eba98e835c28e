import { describe, expect, it } from 'vitest';
import { NoteError, type NoteVerifier, generateNoteKey, isValidKeyName, keyId, openNote, parseSignerKey, parseVerifierKey, signNote } from '../note';

// Vectors from golang.org/x/mod sumdb/note/note_test.go (TestNewVerifier, TestNewSigner, TestSign, TestOpen) and the
// example of C2SP signed-note.md.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const peter = { name: 'PeterNeumann', keyId: 0xc74f20a3, base64: PETER_SIG.slice(15, -1) };
const enoch = { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: ENOCH_SIG.slice(12, -1) };

function code(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    return e instanceof NoteError ? e.code : `other: ${(e as Error).message}`;
  }
}

describe('keys (sumdb/note)', () => {
  it('parses the reference verifier and signer keys and agrees on the key id', () => {
    const v = parseVerifierKey(PETER_VKEY);
    const s = parseSignerKey(PETER_SKEY);
    expect([v.name, v.keyId]).toEqual(['PeterNeumann', 0xc74f20a3]);
    expect([s.name, s.keyId, s.vkey]).toEqual(['PeterNeumann', 0xc74f20a3, PETER_VKEY]);
    expect(keyId('PeterNeumann', Buffer.from(PETER_VKEY.split('+')[2], 'base64'))).toBe(0xc74f20a3);
  });

  it('refuses every substring and every one-byte change of the verifier key (TestNewVerifier)', () => {
    const accepted: string[] = [];
    const b = Buffer.from(PETER_VKEY);
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if ((i !== 0 || j !== b.length) && code(() => parseVerifierKey(b.subarray(i, j).toString())) === 'ok') accepted.push(b.subarray(i, j).toString());
      }
    }
    for (let i = 0; i < b.length; i++) {
      b[i]++;
      if (code(() => parseVerifierKey(b.toString())) === 'ok') accepted.push(b.toString());
      b[i]--;
    }
    expect(accepted).toEqual([]);
    // wrong key length with adjusted key hash; unknown algorithm with adjusted key hash
    expect(code(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='))).toBe('malformed-key');
    expect(code(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toBe('unknown-algorithm');
  });

  it('refuses every substring and every one-byte change of the signer key (TestNewSigner)', () => {
    const accepted: string[] = [];
    const b = Buffer.from(PETER_SKEY);
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if ((i !== 0 || j !== b.length) && code(() => parseSignerKey(b.subarray(i, j).toString())) === 'ok') accepted.push(b.subarray(i, j).toString());
      }
    }
    for (let i = 0; i < b.length; i++) {
      b[i]++;
      if (code(() => parseSignerKey(b.toString())) === 'ok') accepted.push(b.toString());
      b[i]--;
    }
    expect(accepted).toEqual([]);
  });

  it('generates key pairs that sign and verify, and only for valid names', () => {
    const { skey, vkey } = generateNoteKey('einwilligung.example/t/abc');
    expect(skey).toMatch(/^PRIVATE\+KEY\+einwilligung\.example\/t\/abc\+[0-9a-f]{8}\+/);
    const note = signNote('hello\n', parseSignerKey(skey));
    expect(openNote(note, [parseVerifierKey(vkey)]).text).toBe('hello\n');
    expect(() => openNote(note, [parseVerifierKey(PETER_VKEY)])).toThrow(/no verifiable signatures/);
    for (const bad of ['', 'a b', 'a+b', 'a\u00a0b', 'a\u2003b', 'a\tb']) expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
    expect(() => generateNoteKey('a+b')).toThrow(NoteError);
  });
});

describe('signed notes (sumdb/note TestSign, TestOpen; C2SP signed-note example)', () => {
  const pv = parseVerifierKey(PETER_VKEY);
  const ev = parseVerifierKey(ENOCH_VKEY);

  it('signs byte-for-byte as the reference', () => {
    expect(signNote(TEXT, parseSignerKey(PETER_SKEY))).toBe(`${TEXT}\n${PETER_SIG}`);
    expect(code(() => signNote('abc', parseSignerKey(PETER_SKEY)))).toBe('malformed-note');
  });

  it('verifies the C2SP spec example', () => {
    const v = parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
    const note = 'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    expect(openNote(note, [v]).text).toBe('This is an example message.\n');
    expect(openNote(new TextEncoder().encode(note), [v]).sigs).toHaveLength(1);
  });

  it('keeps signatures by unknown keys as unverified and needs one known signature', () => {
    const one = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [pv]);
    expect(one.text).toBe(TEXT);
    expect(one.sigs).toEqual([peter]);
    expect(one.unverifiedSigs).toEqual([enoch]);
    expect(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [pv, ev]).sigs).toEqual([peter, enoch]);
    expect(code(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe('no-verified-signature');
    // a key sharing the name but not the id is unknown, not a failure
    const sameNameOtherId: NoteVerifier = { ...pv, keyId: 0xc74f20a4 };
    expect(code(() => openNote(`${TEXT}\n${PETER_SIG}`, [sameNameOtherId]))).toBe('no-verified-signature');
  });

  it('refuses ambiguous keys only when used, duplicates are dropped, at most 100 signatures', () => {
    expect(code(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [ev, pv, ev]))).toBe('ambiguous-key');
    expect(code(() => openNote(`${TEXT}\n${PETER_SIG}`, [ev, pv, ev]))).toBe('ok');
    expect(code(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [pv]))).toBe('malformed-note');
    expect(code(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, []))).toBe('malformed-note');
    const enochABCD = { ...enoch, base64: enoch.base64.slice(0, 46) + 'ABCD' + enoch.base64.slice(46) };
    const n = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${ENOCH_SIG.slice(0, 58)}ABCD${ENOCH_SIG.slice(58)}`, [pv]);
    expect(n.sigs).toEqual([peter]);
    expect(n.unverifiedSigs).toEqual([enoch, enochABCD]);
  });

  it('rejects a bad signature by a known key', () => {
    const bad = `${TEXT}\n${PETER_SIG.slice(0, 58)}ABCD${PETER_SIG.slice(58)}`;
    expect(code(() => openNote(bad, [pv]))).toBe('invalid-signature');
    expect(code(() => openNote(`${TEXT.replace('answer', 'Answer')}\n${PETER_SIG}`, [pv]))).toBe('invalid-signature');
  });

  it('rejects malformed notes: no final newline, no blank line, control characters, bad UTF-8, bad names, unknown lines', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n— PeterNeumann\n`,
      `${TEXT}\n— PeterNeumann AAAA\n`,
      `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n`,
      `${TEXT}\n${PETER_SIG.replace('— ', '-- ')}`,
      `${TEXT}\r\n${PETER_SIG}`,
      `${TEXT}\ud800\n${PETER_SIG}`,
    ];
    for (const msg of bad) expect(code(() => openNote(msg, [pv])), JSON.stringify(msg)).toBe('malformed-note');
    const invalidUtf8 = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(code(() => openNote(invalidUtf8, [pv]))).toBe('malformed-note');
  });
});
