import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeHash, emptyRoot, encodeBase64, leafHash } from '../hash';
import { CheckpointError, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from '../checkpoint';
import { Frontier, MemoryTree } from '../frontier';
import { inclusionProof, verifyInclusion } from '../merkle';
import { NoteError, parseSignerKey, parseVerifierKey } from '../note';
import { TlogProofError, formatTlogProof, parseTlogProof } from '../tlog-proof';

// github.com/transparency-dev/tessera testdata/build_log.sh: LOG_PRIVATE_KEY / LOG_PUBLIC_KEY, and the checkpoints
// testdata/log/checkpoint.0 … checkpoint.15 written after appending "one" … "fivten" (root, signature line base64).
const TESSERA_SKEY = 'PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg';
const TESSERA_VKEY = 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx';
const TESSERA_ENTRIES = 'one two three four five six seven eit nain ten ileven twelf threeten fourten fivten'.split(' ');
const TESSERA_CHECKPOINTS: [root: string, sig: string][] = [
  ['47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', 'M9e0lhxJACzE1KoUdqKuPa+9p6R7dSW8BlEvrg/noo8FkGg6PbJoRNOcdjqjOq89wVvTA60eubCc4oufo5BvIVEgtQc='],
  ['0Nc2CrefWKseHj/mStd+LqC8B+NrX0btIiPt2SmN+ek=', 'M9e0lhr9kuLxGdAtaUrhm84TQffVsLdcy808sN0a3WyniNlfcr9+bywoiIke1YYciCNjJGkCgIlQ8b16jhsmg/SChAM='],
  ['T1X2GdkhUjV3iyufF9b0kVsWFxIU0VI4EpNml2Teci4=', 'M9e0llH4NKmlf0u7C8tkJioQOmi7l5ELqljXgKRg6R3G5JJ7vx7emDWo5fpqKuA/Dk/jRrI6il+7QCVirNhyUAWGoAk='],
  ['Wqx3HImawpLnS/Gv4ubjAvi1WIOy0b8Ze0amvqbavKk=', 'M9e0lvAQRtH832pk2RTbeSeZMkp4FZSdJYFBUjO5SKxuRbywPUF3cx+HUrb50kjd3rUWW/fj53Wj1dwcwh9bGQnqVAg='],
  ['zY1lN35vrXYAPixXSd59LsU29xUJtuW4o2dNNg5Y2Co=', 'M9e0lnFuWt0cp60moO4jAkeXvMNLIIOGn4WdyeHQurBt9mBi0tWdfkldiAt9k0FpwuZymvttsVn9uwyouXU3vPpeNAc='],
  ['gy5gl3aksFyiCO95a/1vLXz88A3dRq+0l9Sxte8ZqZQ=', 'M9e0lmn5eDHyHP10zJObZdFAX2y1V8fdDKBi4IiHbDYf1TCUBwxZOhqwv2QZCqrdda2zTRTrmnwjwscN5RBTEmZUYAs='],
  ['a6sWvsc2eEzmj72vah7mZ5dwFltivehh2b11qwlp5Jg=', 'M9e0ln+nHSdGSHEZBcjvqyYDXDbG8WxDwCDjbbGAMv/NTynAtJWhckSXIpuwpN3yJ4PTtzUbD34YGqIZr6RgJRn16gU='],
  ['IrSXADBqJ7EQoUODSDKROySgNveeL6CFhik2w/+fS7U=', 'M9e0luA5JhTRUki/BBQD0QNiH6AEJ2pdtsA5CQjqJErViuuKrN6513RCTL2640wXJv0dCed3neRGI6dMzBq9uANf2Qc='],
  ['bC+VwvrJbalNVjfkdI8kUgs7mJoXrqiXCE7bgnD28pY=', 'M9e0lq1EK37dHtgv9O3UzPxisw5vwIPcJsX9ab0xt4mvVfbdUR1fbMjN6sBFYpBoBEmD4+cWhj/AVgI5MitCO5+mews='],
  ['CvhHViE3S9E3htHLR+25mapWoGCJ3WckMq1UtC3VmEY=', 'M9e0ls3mdnWX0qk4P3uGG0eYiFRWSwPR+RdeD1ARmrHPHjXP0x9UJWASPFTOTqJo0mp7Epck2O9RFB0J9IjDdAewagw='],
  ['y8/gZsZCtitsMan09tY+k8I7Qpr7Y5fbO2tLi9GQnfU=', 'M9e0lrmwaVEOWFZ+HS5ITnRd2YMOSWE5QeoYu+6DHwJLnJ+SVeJ2ZiYeD7lVC5oGJx76gbfLSyCUEq6D8JkarrsuiQQ='],
  ['Yok1cS5VdokGLBy73BC2I16b3atss6KBN9jnIi6Fz/A=', 'M9e0lqbRtWirJwbUy4w3VrK2RyzfW8P+OIkc8t6b6AVG/tQd1Q2SN+uCLYzNNFnf/PhzeCdURSGQe1MRnohCxPu21wg='],
  ['uZo6M+IhVna+CLgWCrJs0xBPUHbozHkYTQASduHSLME=', 'M9e0lrFzoTgi+ovhrqX0DpsEAp3wLu1coMLIkeCwSkGfS4Ox4pLXo2LHudqm4merh0ZkCNzHr8kQwq5gS5mmimIvdA4='],
  ['av0kLH0VkkVDrTuZzBGIx7d9z5G1l/GlKz/nAV/8woQ=', 'M9e0liO8x8xfEOGmZVYODUjQajkEpjccPQ9EkG3yEEDet4K3BWE/DFRPH6H+b6gFFFaG5KS1bBmYS/xeZJs8lj+z+wM='],
  ['SvCd38yNade7xEPY1a/aAc1M3A2AHYVF8lIiUnsH1ao=', 'M9e0lu8roIpjC+NXEG7JDkajIahoYDYWgxDtxfx/6rzLoztU9t/PvivZ48xt8ygJpjzaboSpkbVv3Jb+D3NdXWQf5wo='],
  ['rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=', 'M9e0luh4jTG+UMBqOUo9/q+yAEvx1ilBEniMvjf1zfcBOhg+CKubMt53MvIt/uEWP6zdkdIQzd/fmwlM/dlPWF74ewI='],
];
const tesseraCheckpoint = (size: number) =>
  `example.com/log/testdata\n${size}\n${TESSERA_CHECKPOINTS[size][0]}\n\n— example.com/log/testdata ${TESSERA_CHECKPOINTS[size][1]}\n`;

describe('tlog-checkpoint: tessera testdata/log', () => {
  const v = parseVerifierKey(TESSERA_VKEY);

  it('opens all 16 checkpoints with the log key, and their roots are those of the entries', () => {
    const f = Frontier.empty();
    for (let size = 0; size <= 15; size++) {
      if (size > 0) f.append(leafHash(new TextEncoder().encode(TESSERA_ENTRIES[size - 1])));
      const cp = openCheckpoint(tesseraCheckpoint(size), [v], 'example.com/log/testdata');
      expect([cp.origin, cp.size, cp.extensions]).toEqual(['example.com/log/testdata', size, []]);
      expect(encodeBase64(cp.root), `root ${size}`).toBe(encodeBase64(f.root()));
    }
    expect(encodeBase64(emptyRoot())).toBe(TESSERA_CHECKPOINTS[0][0]);
  });

  it('signs a checkpoint byte-for-byte as tessera did (Ed25519 is deterministic)', () => {
    const s = parseSignerKey(TESSERA_SKEY);
    expect(s.vkey).toBe(TESSERA_VKEY);
    for (const size of [0, 1, 7, 15]) {
      const root = decodeHash(TESSERA_CHECKPOINTS[size][0])!;
      expect(signCheckpoint({ origin: 'example.com/log/testdata', size, root, extensions: [] }, s)).toBe(tesseraCheckpoint(size));
    }
  });

  it('refuses a checkpoint of another origin, an edited size or root, and a signature by another key', () => {
    const cp = tesseraCheckpoint(15);
    expect(() => openCheckpoint(cp, [v], 'example.com/other')).toThrow(CheckpointError);
    expect(() => openCheckpoint(cp.replace('\n15\n', '\n16\n'), [v])).toThrow(NoteError);
    expect(() => openCheckpoint(cp.replace('rKbD', 'rKbE'), [v])).toThrow(/invalid signature/);
    expect(() => openCheckpoint(cp, [parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')])).toThrow(/no verifiable/);
  });
});

describe('strict base64 (RFC 4648 §4) for hashes, keys and signatures', () => {
  it('accepts only padded, canonical standard base64', () => {
    expect(decodeBase64('AA==')).toEqual(Uint8Array.of(0));
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
    for (const bad of ['AB==', 'AA=', 'AA', 'A A=', 'AA==\n', '-_8=', 'AA===']) expect(decodeBase64(bad), bad).toBeNull();
    // same 32 bytes as tessera's root 15, but with non-zero unused bits: one hash must have one text
    expect(decodeHash('rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=')).not.toBeNull();
    expect(decodeHash('rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383ct=')).toBeNull();
  });
});

describe('checkpoint body', () => {
  const root = leafHash(new Uint8Array(0));
  const text = (lines: string[]) => lines.join('\n') + '\n';
  const r = encodeBase64(root);

  it('formats and parses origin, size, root and extension lines', () => {
    const c = { origin: 'einwilligung.example/ledger/t1', size: 42, root, extensions: ['ext one'] };
    expect(formatCheckpoint(c)).toBe(`einwilligung.example/ledger/t1\n42\n${r}\next one\n`);
    expect(parseCheckpoint(formatCheckpoint(c))).toEqual(c);
  });

  it('rejects malformed bodies', () => {
    for (const bad of [
      `o\n1\n${r}`, // no final newline
      text(['o', '1']), // too few lines
      text(['', '1', r]), // empty origin
      text(['o', '01', r]), // leading zero
      text(['o', '-1', r]),
      text(['o', '1.0', r]),
      text(['o', ' 1', r]),
      text(['o', '99999999999999999999', r]), // beyond safe integers
      text(['o', '1', r.slice(0, -1)]), // bad base64
      text(['o', '1', encodeBase64(new Uint8Array(31))]), // not 32 bytes
      text(['o', '1', r, '']), // empty extension line
    ]) {
      expect(() => parseCheckpoint(bad), JSON.stringify(bad)).toThrow(CheckpointError);
    }
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, root, extensions: [] })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, root, extensions: [''] })).toThrow(CheckpointError);
  });
});

describe('tlog-proof', () => {
  const tree = new MemoryTree();
  const entries = TESSERA_ENTRIES.map((e) => new TextEncoder().encode(e));
  tree.append(...entries.map(leafHash));
  const checkpoint = tesseraCheckpoint(15);

  it('serialises in the spec layout and round-trips; the proof verifies against the checkpoint', () => {
    const hashes = inclusionProof(tree.read, 5, 15);
    const text = formatTlogProof({ index: 5, hashes, checkpoint, extra: new TextEncoder().encode('ctx') });
    expect(text).toBe(['c2sp.org/tlog-proof@v1', 'extra Y3R4', 'index 5', ...hashes.map(encodeBase64), '', checkpoint].join('\n'));
    const p = parseTlogProof(text);
    expect(p).toEqual({ extra: new TextEncoder().encode('ctx'), index: 5, hashes, checkpoint });
    const cp = openCheckpoint(p.checkpoint, [parseVerifierKey(TESSERA_VKEY)]);
    expect(verifyInclusion(p.index, cp.size, leafHash(entries[5]), p.hashes, cp.root)).toBeNull();
    expect(verifyInclusion(p.index, cp.size, leafHash(entries[6]), p.hashes, cp.root)).not.toBeNull();
    expect(parseTlogProof(formatTlogProof({ index: 0, hashes: [], checkpoint: tesseraCheckpoint(1) }))).toEqual({ index: 0, hashes: [], checkpoint: tesseraCheckpoint(1) });
  });

  it('rejects malformed proofs', () => {
    const h = encodeBase64(tree.read(0, 1));
    const ok = ['c2sp.org/tlog-proof@v1', 'index 0', h, '', checkpoint];
    expect(() => parseTlogProof(ok.join('\n'))).not.toThrow();
    for (const bad of [
      ['c2sp.org/tlog-proof@v2', 'index 0', h, '', checkpoint],
      ['c2sp.org/tlog-proof@v1', 'index 00', h, '', checkpoint],
      ['c2sp.org/tlog-proof@v1', 'index -1', h, '', checkpoint],
      ['c2sp.org/tlog-proof@v1', 'Index 0', h, '', checkpoint],
      ['c2sp.org/tlog-proof@v1', h, '', checkpoint],
      ['c2sp.org/tlog-proof@v1', 'index 0', 'extra Y3R4', h, '', checkpoint],
      ['c2sp.org/tlog-proof@v1', 'extra !!', 'index 0', h, '', checkpoint],
      ['c2sp.org/tlog-proof@v1', 'index 0', h.slice(0, -2), '', checkpoint],
      ['c2sp.org/tlog-proof@v1', 'index 0', h],
      ['c2sp.org/tlog-proof@v1', 'index 0', h, ''],
    ]) {
      expect(() => parseTlogProof(bad.join('\n')), bad.join('|')).toThrow(TlogProofError);
    }
  });
});
