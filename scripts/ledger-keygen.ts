// `npm run ledger:keygen -- <key name>`: a new Ed25519 key for signing the ledger checkpoints (issue #16,
// docs/ledger.md). Prints the signer key (secret: put it into LEDGER_SIGNING_KEY) and the verifier key (public:
// published at /.well-known/einwilligung-ledger-keys and printed on receipts). The name is usually your domain.
// Imports nothing but node:* and lib/ledger/tlog, like the offline verifier.
import { generateNoteKey, isValidKeyName } from '../lib/ledger/tlog/note';

const name = process.argv[2];
if (!name || !isValidKeyName(name)) {
  console.error('usage: npm run ledger:keygen -- <key name>   (e.g. einwilligung.example.de: no "+", no spaces)');
  process.exit(1);
}
const { skey, vkey } = generateNoteKey(name);
console.log(`LEDGER_SIGNING_KEY=${skey}`);
console.log(`# verifier key (public): ${vkey}`);
console.log('# On rotation, keep the old verifier key in LEDGER_VERIFIER_KEYS so checkpoints it signed stay verifiable.');
