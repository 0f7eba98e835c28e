// Offline verifier for ledger receipts: `npm run verify -- receipt.json [--pubkey KEY] [--checkpoint other.txt]
// [--consistency proof.txt] [--json]`. Imports nothing but node:* and lib/ledger/tlog (which imports nothing but
// node:*), so it runs anywhere with Node ≥ 20 and tsx, without the app, its database or its dependencies.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type ReceiptProof, type ReceiptVerification, verifyReceiptProof } from '../lib/ledger/tlog/receipt-proof';

const USAGE = `usage: npm run verify -- <receipt.json> [--pubkey KEY]… [--pubkey-file FILE] [--origin LOG] [--checkpoint OTHER.txt] [--consistency PROOF] [--json]

  receipt.json       a receipt JSON (the proof under ledger.tlog) or a bare proof object (format einwilligung-tlog-receipt@v1)
  --pubkey KEY       the log's published verifier key, <name>+<hex id>+<base64 key>; without it the key printed in
                     the receipt is used, which only shows the receipt is self-consistent. Repeat it (or put
                     one key per line in --pubkey-file) to also accept keys retired by a rotation
  --origin LOG       the log the receipt must come from (checkpoint origin); any, and printed, when absent
  --checkpoint FILE  another signed checkpoint of the same log you saved (older or later): both must be consistent
  --consistency FILE the consistency proof between the two sizes (JSON {size1,size2,hashes} or one base64 hash per line),
                     when the receipt does not carry it
  --json             print the result as JSON

exit status: 0 verified, 1 not verified or bad input`;

/** Finds the proof object in a receipt file: the object itself, or its ledger.tlog. */
function findProof(json: unknown): ReceiptProof | null {
  const candidates = [json, (json as { ledger?: { tlog?: unknown } } | null)?.ledger?.tlog];
  for (const c of candidates) {
    const p = c as Partial<ReceiptProof> | null | undefined;
    if (p && p.format === 'einwilligung-tlog-receipt@v1' && typeof p.entry === 'string' && Number.isSafeInteger(p.index) && typeof p.proof === 'string' && typeof p.checkpoint === 'string') {
      return p as ReceiptProof;
    }
  }
  return null;
}

/** Reads a consistency proof file: JSON {size1, size2, hashes} or plain lines of base64. */
function readConsistency(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const j = JSON.parse(trimmed) as { hashes?: unknown };
    if (!Array.isArray(j.hashes) || !j.hashes.every((h) => typeof h === 'string')) throw new Error('consistency JSON needs a "hashes" array of base64 strings');
    return j.hashes as string[];
  }
  return trimmed === '' ? [] : trimmed.split('\n').map((l) => l.trim());
}

function print(file: string, r: ReceiptVerification): void {
  console.log(`Receipt ${file}`);
  for (const c of r.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  const cp = r.checkpoint;
  if (r.ok && cp) console.log(`VERIFIED: the entry is in the log ${cp.origin} of size ${cp.size} (root ${Buffer.from(cp.root).toString('base64')}).`);
  else console.log(`NOT VERIFIED: ${r.checks.find((c) => !c.ok)?.detail ?? 'unknown reason'}`);
}

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { pubkey: { type: 'string', multiple: true }, origin: { type: 'string' }, 'pubkey-file': { type: 'string' }, checkpoint: { type: 'string' }, consistency: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 1;
  }
  const file = positionals[0];
  try {
    const proof = findProof(JSON.parse(readFileSync(file, 'utf8')));
    if (!proof) throw new Error(`${file} carries no ledger proof (format einwilligung-tlog-receipt@v1, itself or under ledger.tlog)`);
    const fromFile = values['pubkey-file'] ? readFileSync(values['pubkey-file'], 'utf8').split('\n').map((l) => l.trim()).filter(Boolean) : [];
    const result = verifyReceiptProof(proof, {
      verifierKeys: [...(values.pubkey ?? []), ...fromFile],
      origin: values.origin,
      otherCheckpoint: values.checkpoint ? readFileSync(values.checkpoint, 'utf8') : undefined,
      consistencyHashes: values.consistency ? readConsistency(readFileSync(values.consistency, 'utf8')) : undefined,
    });
    if (values.json) console.log(JSON.stringify({ ok: result.ok, checks: result.checks, size: result.checkpoint?.size, origin: result.checkpoint?.origin }, null, 2));
    else print(file, result);
    return result.ok ? 0 : 1;
  } catch (e) {
    console.error(`NOT VERIFIED: ${(e as Error).message}`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
