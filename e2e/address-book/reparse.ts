// Re-parses a downloaded vCard with the app's own parser (lib/address-book/parse.ts) and prints its cards as JSON:
// the e2e spec runs it with tsx (server-only resolved to an empty module, as `npm run worker` does).
import { readFile } from 'node:fs/promises';
import { parseContactFile } from '@/lib/address-book/parse';

const bytes = new Uint8Array(await readFile(process.argv[2]!));
const result = await parseContactFile(bytes, { region: 'DE' });
process.stdout.write(JSON.stringify({ format: result.format, issues: result.issues, cards: result.cards.map((c) => ({ name: c.name, numbers: c.numbers.map((n) => n.e164) })) }));
