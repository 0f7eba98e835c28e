// `npm run ledger:audit -- --tenant <id or slug> [--checkpoint saved.txt]… [--json]` (issue #16, docs/ledger.md): the
// full audit of one tenant's transparency log (lib/ledger/audit.ts) — every entry, tile, stored checkpoint, the tree
// row and every pii commitment recomputed — checked against checkpoints kept outside the database (receipts, the daily
// checkpoint mail, a monitor's copy), then the evidence around events (mails, link uses, audit rows). Names the first
// bad entry or node. Exit status: 0 intact, 1 tampered, 2 bad usage. Runs with the app's DATABASE_URL / DATA_DIR.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eq, or } from 'drizzle-orm';
import { getDbHandle } from '../db/index';
import { tenants } from '../db/schema';
import { evidenceBreaks, type ChainBreak } from '../lib/consent/verify-chain';
import { withSystem, withTenant } from '../lib/db/with-tenant';
import { auditLedger, type AuditProblem, type LedgerAudit } from '../lib/ledger/audit';

const USAGE = `usage: npm run ledger:audit -- --tenant <tenant id or slug> [--checkpoint saved.txt]… [--json]

  --tenant ID|SLUG   the tenant whose ledger to audit
  --checkpoint FILE  a signed checkpoint of this ledger kept outside the database (repeatable): it must be signed by
                     a ledger key and consistent with the log (same size: same root; smaller: a prefix; larger: the
                     log was cut or rewound)
  --json             print the result as JSON

exit status: 0 intact, 1 tampered, 2 bad usage`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function options() {
  try {
    const { values } = parseArgs({ options: { tenant: { type: 'string' }, checkpoint: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
    if (values.help) fail('');
    if (!values.tenant) fail('--tenant is required');
    const checkpoints = (values.checkpoint ?? []).map((file) => readFileSync(file, 'utf8'));
    return { tenant: values.tenant, checkpoints, json: !!values.json };
  } catch (e) {
    fail((e as Error).message);
  }
}

async function tenantId(idOrSlug: string): Promise<string> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const [row] = await withSystem((tx) =>
    tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(uuid ? or(eq(tenants.id, idOrSlug), eq(tenants.slug, idOrSlug)) : eq(tenants.slug, idOrSlug)),
  );
  if (!row) fail(`no tenant ${idOrSlug}`);
  return row.id;
}

function where(p: AuditProblem): string {
  if (p.tile) return `node ${p.node!.level}/${p.node!.index} (tile ${p.tile.level}/${p.tile.index})${p.seq ? `, entry seq ${p.seq}${p.eventId ? ` (event ${p.eventId})` : ''}` : ''}`;
  if (p.checkpoint) return `${p.checkpoint.source === 'given' ? `--checkpoint #${(p.checkpoint.index ?? 0) + 1}` : 'stored checkpoint'}${p.checkpoint.size >= 0 ? ` of size ${p.checkpoint.size}` : ''}`;
  if (p.seq) return `seq ${p.seq}${p.eventId ? ` (event ${p.eventId})` : ''}`;
  return 'tree';
}

function print(audit: LedgerAudit, evidence: ChainBreak[], seconds: number) {
  console.log(`ledger ${audit.origin}`);
  console.log(`  entries ${audit.events}${audit.complete ? '' : ' (stopped at the first bad one)'}, tree size ${audit.treeSize ?? 'none'}, root ${audit.root}`);
  console.log(`  checkpoints: ${audit.checkpoints.stored} stored, ${audit.checkpoints.given} given; identities: ${audit.identities.checked} verified, ${audit.identities.erased} erased; ${audit.queued} queued, not sealed yet`);
  for (const p of audit.problems) console.log(`  ✗ ${p.reason}: ${where(p)} — ${p.detail}`);
  for (const b of evidence) console.log(`  ✗ ${b.reason} (evidence): ${b.evidence?.source ?? ''}${b.evidence?.id ? ` ${b.evidence.id}` : ''}${b.eventId ? ` event ${b.eventId}` : ''}`);
  const ok = audit.ok && evidence.length === 0;
  const first = audit.firstProblem;
  console.log(ok ? `INTACT (${seconds.toFixed(2)} s)` : `TAMPERED${first ? `: first ${first.reason} at ${where(first)}` : ''} (${seconds.toFixed(2)} s)`);
}

const opts = options();
const handle = await getDbHandle();
let code = 1;
try {
  const id = await tenantId(opts.tenant);
  const started = performance.now();
  const { audit, evidence } = await withTenant(id, async (tx) => {
    const audit = await auditLedger(tx, id, { checkpoints: opts.checkpoints });
    return { audit, evidence: await evidenceBreaks(tx, audit) };
  });
  const seconds = (performance.now() - started) / 1000;
  if (opts.json) console.log(JSON.stringify({ ...audit, ok: audit.ok && evidence.length === 0, seconds, evidence }, null, 2));
  else print(audit, evidence, seconds);
  code = audit.ok && evidence.length === 0 ? 0 : 1;
} finally {
  await handle.close();
}
process.exit(code);
