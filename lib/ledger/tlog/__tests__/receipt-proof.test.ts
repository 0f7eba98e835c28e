import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { encodeBase64, leafHash } from '../hash';
import { signCheckpoint } from '../checkpoint';
import { MemoryTree } from '../frontier';
import { generateNoteKey, parseSignerKey } from '../note';
import { type ReceiptProof, makeConsistencyProof, makeReceiptProof, verifyReceiptProof } from '../receipt-proof';

const ORIGIN = 'einwilligung.test/ledger/tenant-1';
const { skey, vkey } = generateNoteKey(ORIGIN);
const other = generateNoteKey(ORIGIN);
const signer = parseSignerKey(skey);
const entry = (i: number, tag = 'v1') => new TextEncoder().encode(`{"type":"opt_in","seq":${i},"tag":"${tag}"}`);

/** A log of the given entries with a checkpoint signed at its current size. */
function log(entries: Uint8Array[], key = signer) {
  const tree = new MemoryTree();
  tree.append(...entries.map(leafHash));
  const checkpoint = { signed: signCheckpoint({ origin: ORIGIN, size: tree.size, root: tree.root(), extensions: [] }, key), size: tree.size };
  const receipt = (index: number): ReceiptProof => makeReceiptProof(entries[index], index, tree.read, checkpoint, vkey);
  return { tree, checkpoint, receipt, entries };
}

const honest = Array.from({ length: 20 }, (_, i) => entry(i));
const failed = (r: ReturnType<typeof verifyReceiptProof>) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe('verifyReceiptProof', () => {
  const a = log(honest);

  it('verifies signature and inclusion of every entry with the published key', () => {
    for (let i = 0; i < 20; i++) {
      const r = verifyReceiptProof(a.receipt(i), { verifierKeys: [vkey] });
      expect(r.ok, JSON.stringify(r.checks)).toBe(true);
      expect(r.checks.map((c) => c.name)).toEqual(['key', 'signature', 'inclusion']);
    }
  });

  it('uses the key printed in the receipt only with a warning, and needs some key', () => {
    const r = verifyReceiptProof(a.receipt(3));
    expect(r.ok).toBe(true);
    expect(r.checks[0].detail).toMatch(/printed in the receipt/);
    const { verifierKey: _, ...bare } = a.receipt(3);
    expect(failed(verifyReceiptProof(bare))).toEqual(['key']);
  });

  it('fails an edited entry, index, proof hash or checkpoint, and another key', () => {
    const good = a.receipt(7);
    const cases: [string, Partial<ReceiptProof>, string][] = [
      ['entry', { entry: encodeBase64(entry(7, 'forged')) }, 'inclusion'],
      ['entry not base64', { entry: '%%%' }, 'inclusion'],
      ['index', { index: 8 }, 'inclusion'],
      ['proof hash', { proof: good.proof.replace(/\nindex 7\n(.)/, (_m, c: string) => `\nindex 7\n${c === 'A' ? 'B' : 'A'}`) }, 'inclusion'],
      ['proof index', { index: 8, proof: good.proof.replace('index 7', 'index 8') }, 'inclusion'],
      ['checkpoint size', { checkpoint: good.checkpoint.replace('\n20\n', '\n21\n') }, 'signature'],
      ['proof checkpoint', { proof: good.proof.replace('\n20\n', '\n21\n') }, 'inclusion'],
      ['tlog-proof header', { proof: good.proof.replace('tlog-proof@v1', 'tlog-proof@v9') }, 'inclusion'],
    ];
    for (const [what, change, check] of cases) {
      expect(failed(verifyReceiptProof({ ...good, ...change }, { verifierKeys: [vkey] })), what).toEqual([check]);
    }
    expect(failed(verifyReceiptProof(good, { verifierKeys: [other.vkey] }))).toEqual(['signature']);
    // after a rotation the retired key still verifies old checkpoints; the log must be the one asked for
    expect(verifyReceiptProof(good, { verifierKeys: [other.vkey, vkey], origin: ORIGIN }).ok).toBe(true);
    expect(failed(verifyReceiptProof(good, { verifierKeys: [vkey], origin: 'einwilligung.test/ledger/tenant-2' }))).toEqual(['signature']);
    expect(failed(verifyReceiptProof(good, { verifierKeys: ['not a key'] }))).toEqual(['key']);
  });
});

describe('tampering detected by an earlier checkpoint (consistency)', () => {
  const a = log(honest);
  const saved = a.checkpoint.signed; // a checkpoint that left our hands at size 20

  it('an honest later log is consistent with the saved checkpoint (proof in the receipt or given separately)', () => {
    const later = log([...honest, ...Array.from({ length: 5 }, (_, i) => entry(20 + i))]);
    const receipt = { ...later.receipt(22), consistency: makeConsistencyProof(later.tree.read, 20, 25) };
    const r = verifyReceiptProof(receipt, { verifierKeys: [vkey], otherCheckpoint: saved });
    expect(r.ok, JSON.stringify(r.checks)).toBe(true);
    // the old receipt against the later checkpoint, proof given as --consistency
    const hashes = makeConsistencyProof(later.tree.read, 20, 25).hashes;
    expect(verifyReceiptProof(a.receipt(3), { verifierKeys: [vkey], otherCheckpoint: later.checkpoint.signed, consistencyHashes: hashes }).ok).toBe(true);
    expect(failed(verifyReceiptProof(a.receipt(3), { verifierKeys: [vkey], otherCheckpoint: later.checkpoint.signed }))).toEqual(['consistency']);
  });

  it('detects a rewound tree regrown to the same size with forged entries (correct hashes, even re-signed)', () => {
    const forged = log([...honest.slice(0, 15), ...Array.from({ length: 5 }, (_, i) => entry(15 + i, 'forged'))]);
    // On its own, the forged log's receipt verifies: hashes and signature are all correct.
    expect(verifyReceiptProof(forged.receipt(16), { verifierKeys: [vkey] }).ok).toBe(true);
    const r = verifyReceiptProof(forged.receipt(16), { verifierKeys: [vkey], otherCheckpoint: saved });
    expect(failed(r)).toEqual(['consistency']);
    expect(r.checks.at(-1)!.detail).toMatch(/same size, different roots/);
  });

  it('detects a forged append after a rewind: no consistency proof from the saved size verifies', () => {
    const forged = log([...honest.slice(0, 15), ...Array.from({ length: 10 }, (_, i) => entry(15 + i, 'forged'))]);
    // even an untouched early entry: its new checkpoint is not an extension of the saved one
    const receipt = { ...forged.receipt(3), consistency: makeConsistencyProof(forged.tree.read, 20, 25) };
    const r = verifyReceiptProof(receipt, { verifierKeys: [vkey], otherCheckpoint: saved });
    expect(failed(r)).toEqual(['consistency']);
    expect(r.checks.at(-1)!.detail).toMatch(/NOT consistent/);
  });

  it('detects a rewound (shrunk) tree: the saved larger checkpoint has no proof from the current size', () => {
    const rewound = log(honest.slice(0, 15));
    expect(failed(verifyReceiptProof(rewound.receipt(3), { verifierKeys: [vkey], otherCheckpoint: saved }))).toEqual(['consistency']);
  });

  it('refuses another log’s or another key’s checkpoint, and accepts the empty tree', () => {
    const foreign = log(honest, parseSignerKey(other.skey)).checkpoint.signed;
    expect(failed(verifyReceiptProof(a.receipt(1), { verifierKeys: [vkey], otherCheckpoint: foreign }))).toEqual(['consistency']);
    expect(verifyReceiptProof(a.receipt(1), { verifierKeys: [vkey], otherCheckpoint: log([]).checkpoint.signed }).ok).toBe(true);
  });
});

describe('scripts/verify-receipt.ts (npm run verify)', () => {
  const run = promisify(execFile);
  const root = path.resolve(__dirname, '../../../..');
  const verify = async (...args: string[]) => {
    try {
      const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/verify-receipt.ts'), ...args], { cwd: root });
      return { code: 0, out: stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: err.stdout + err.stderr };
    }
  };

  it('exits 0 for a good receipt and 1 for a tampered one or an inconsistent saved checkpoint', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verify-receipt-'));
    const a = log(honest);
    const forged = log([...honest.slice(0, 15), ...Array.from({ length: 5 }, (_, i) => entry(15 + i, 'forged'))]);
    const file = (name: string, content: string) => {
      writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    };
    const good = file('good.json', JSON.stringify({ receiptId: 'x', ledger: { seq: 8, tlog: a.receipt(7) } }));
    const bad = file('bad.json', JSON.stringify({ ...a.receipt(7), entry: encodeBase64(entry(7, 'forged')) }));
    const saved = file('saved.txt', a.checkpoint.signed);
    const forgedReceipt = file('forged.json', JSON.stringify(forged.receipt(16)));

    // four runs at once: each pays tsx's start-up
    const [ok, tampered, fork, missing] = await Promise.all([
      verify(good, '--pubkey', other.vkey, '--pubkey', vkey, '--origin', ORIGIN, '--checkpoint', saved),
      verify(bad, '--pubkey', vkey),
      verify(forgedReceipt, `--pubkey=${vkey}`, '--checkpoint', saved),
      verify(path.join(dir, 'missing.json')),
    ]);
    expect(ok.out).toMatch(/VERIFIED: the entry is in the log/);
    expect(ok.code).toBe(0);
    expect(tampered.out).toMatch(/NOT VERIFIED: entry 7 is not in the checkpoint's tree/);
    expect(tampered.code).toBe(1);
    expect(fork.out).toMatch(/NOT consistent/);
    expect(fork.code).toBe(1);
    expect(missing.code).toBe(1);
  }, 60_000);
});

describe('the verifier depends on nothing but node:*', () => {
  it('lib/ledger/tlog and scripts/verify-receipt.ts import only node:* and each other', () => {
    const root = path.resolve(__dirname, '../../../..');
    const dir = path.join(root, 'lib/ledger/tlog');
    const files = [...readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)), path.join(root, 'scripts/verify-receipt.ts')];
    const bad: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
        const spec = m[1] ?? m[2];
        const ok = spec.startsWith('node:') || (f.includes('/lib/') ? /^\.\/[a-z-]+$/.test(spec) : /^\.\.\/lib\/ledger\/tlog\/[a-z-]+$/.test(spec));
        if (!ok) bad.push(`${path.relative(root, f)}: ${spec}`);
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(bad).toEqual([]);
  });
});
