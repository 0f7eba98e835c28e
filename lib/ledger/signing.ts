import 'server-only';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/db';
import { appUrl } from '@/lib/config';
import { env } from '@/lib/env';
import { generateNoteKey, parseSignerKey, parseVerifierKey, type NoteSigner } from './tlog/note';

export type LedgerSigner = NoteSigner & { vkey: string; keyIdHex: string };

let signer: LedgerSigner | undefined;

/** The key name of a generated development key: the app's host (a C2SP key name: no '+' or whitespace). */
function developmentKeyName(): string {
  return new URL(appUrl()).host.replace(/[^A-Za-z0-9.:_-]/g, '-') || 'einwilligung';
}

/**
 * The key that signs every tenant's checkpoints: LEDGER_SIGNING_KEY, or in development (and e2e with DEV_OUTBOX=1)
 * a key generated once into $DATA_DIR/ledger-signing-key, so checkpoints stay verifiable across restarts.
 */
export function ledgerSigner(): LedgerSigner {
  if (signer) return signer;
  const configured = env().LEDGER_SIGNING_KEY ?? readOrGenerateDevelopmentKey();
  const parsed = parseSignerKey(configured);
  return (signer = { ...parsed, keyIdHex: parsed.vkey.split('+')[1] });
}

function readOrGenerateDevelopmentKey(): string {
  if (process.env.NODE_ENV === 'production' && !env().ALLOW_GENERATED_SECRET && !env().DEV_OUTBOX) {
    throw new Error('LEDGER_SIGNING_KEY must be set in production (`npm run ledger:keygen -- <your domain>`).');
  }
  const file = path.join(dataDir(), 'ledger-signing-key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, generateNoteKey(developmentKeyName()).skey, {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The verifier keys to publish and to verify with: the current key first, then the retired ones
 * (LEDGER_VERIFIER_KEYS) whose checkpoints must stay verifiable after a rotation. Malformed retired keys are refused.
 */
export function ledgerVerifierKeys(): string[] {
  const current = ledgerSigner().vkey;
  const retired = (env().LEDGER_VERIFIER_KEYS ?? []).map((k) => parseVerifierKey(k).vkey);
  return [current, ...retired.filter((k) => k !== current)];
}

/** Forgets the loaded key (tests switch keys to exercise rotation). */
export function resetLedgerSignerForTests(): void {
  signer = undefined;
}
