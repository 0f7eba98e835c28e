import 'server-only';
import { and, asc, eq, gt, gte, lte, sql } from 'drizzle-orm';
import { ledgerCheckpoints, ledgerQueue, ledgerTiles, ledgerTrees } from '@/db/schema';
import { pipelined } from '@/lib/db/pipelined';
import { prefetchedBatches } from '@/lib/db/prefetched-batches';
import { CANON_VERSION_TLOG, genesisHash } from '@/lib/consent/event-hash';
import type { IdentityBreak } from '@/lib/consent/verify-identities';
import { getDbHandle, type Tx } from '@/db';
import { onServer } from '@/lib/db/copy-out';
import { withTenant } from '@/lib/db/with-tenant';
import { AuditRows, C, EVENT_COLUMNS, I, IDENTITY_COLUMNS, idAt, readAuditBatch, readIdentityRows } from './audit-rows';
import { TileAuditor, type TileMismatch } from './tlog/audit';
import { openCheckpoint } from './tlog/checkpoint';
import { type Hash, emptyRoot, encodeBase64, hashEqual } from './tlog/hash';
import { parseVerifierKey, type NoteVerifier } from './tlog/note';
import { TILE_WIDTH } from './tlog/tiles';
import { originFor } from './log-store';
import { ledgerVerifierKeys } from './signing';

/**
 * Why the audit failed (docs/ledger.md, "What a verifier checks"):
 * - entries: `gap` (seq is not 1..n without holes), `hash` (an event's columns no longer hash to its hash), `link`
 *   (a v1/v2 event's prev_hash is not its predecessor's hash);
 * - the stored tree: `tile` (a stored tile hash differs from the tree recomputed from the entries, or is missing),
 *   `tree_missing` (events are sealed but the tree row is gone), `tree` (the tree row's size or root differs),
 *   `unsigned` (entries past the last stored checkpoint: the sequencer writes tree and checkpoint together, so the tree
 *   was grown without the signing key);
 * - checkpoints (stored ones and those given from outside): `signature` (not a valid signed checkpoint by a known
 *   ledger key), `origin` (another log's), `root` (its root is not the recomputed root at its size: the log was
 *   rewritten after it was signed), `truncated` (it names more entries than the log has: the log was cut or rewound);
 * - personal data: `pii`, `identity_missing`, `contact_copy` (lib/consent/verify-identities.ts). Erased identities
 *   are counted as erased, not reported.
 */
export type AuditReason = 'gap' | 'hash' | 'link' | 'tile' | 'tree_missing' | 'tree' | 'unsigned' | 'signature' | 'origin' | 'root' | 'truncated' | IdentityBreak['reason'];

export type AuditProblem = {
  reason: AuditReason;
  /** The entry (seq = leaf index + 1) and its event, when the problem is an entry's. */
  seq: number | null;
  eventId: string | null;
  /** The tree node and the tile holding it (reason `tile`). */
  node?: { level: number; index: number };
  tile?: { level: number; index: number };
  /** The checkpoint concerned: stored in the database, or given from outside (index in `checkpoints`). */
  checkpoint?: { source: 'stored' | 'given'; size: number; index?: number };
  detail: string;
};

export type LedgerAudit = {
  ok: boolean;
  tenantId: string;
  origin: string;
  /** Sealed entries recomputed, from seq 1; with `complete` false the walk stopped at a bad entry. */
  events: number;
  complete: boolean;
  /** The recomputed root (base64) after `events` entries, and the last entry's event hash (the genesis hash if none). */
  root: string;
  lastHash: string;
  treeSize: number | null;
  checkpoints: { stored: number; given: number };
  identities: { checked: number; erased: number };
  /** Events recorded but not sealed yet (not part of the tree; not a problem). */
  queued: number;
  firstProblem: AuditProblem | null;
  problems: AuditProblem[];
};

export type AuditOptions = {
  /** Signed checkpoints kept outside the database (receipts, the daily mail, a monitor), verbatim. */
  checkpoints?: readonly string[];
  batchSize?: number;
};

type Tree = typeof ledgerTrees.$inferSelect;
type StoredCp = { size: number; root: Buffer; note: string };
type GivenCp = { index: number; size: number; root: Hash };

/**
 * Whether an audit of this process holds a second pooled connection now. Only one may: audits that each held one
 * connection and waited for a second could take the whole pool and wait for each other forever. The others run the
 * identity pass after the walk, on their own connection.
 */
let borrowing = false;

/**
 * The full audit of a tenant's transparency log, in one streaming pass over its sealed events in seq order (keyset
 * batches, the next read while this one is hashed; the level-0 tiles come with each batch): every event's hash from
 * its columns (and a v1/v2 event's chain link), its leaf, every stored tile (auditTiles' TileAuditor), the root at
 * every stored checkpoint's size, each checkpoint's signature and the tree row; then every pii commitment from the
 * stored identity data, in a second pass (one hash join; on a server beside the walk, on a second connection).
 * Checkpoints given from outside are checked for signature, origin and consistency with the log. Names the first bad
 * entry or node. Runs in the caller's tenant transaction (RLS scopes every read).
 */
export async function auditLedger(tx: Tx, tenantId: string, opts: AuditOptions = {}): Promise<LedgerAudit> {
  const run = new AuditRun(tx, tenantId, opts.batchSize ?? 8192);
  await run.start(opts.checkpoints ?? []);
  // The pool's size, not the transaction's: a transaction's client does not carry it.
  if (onServer(tx) && (await getDbHandle()).poolSize >= 2 && !borrowing) {
    // On a server the identity pass runs beside the walk, on a second connection (its own snapshot of committed data):
    // two backends and this process work at once. Each backend alone, no parallel workers (2 cores measured).
    borrowing = true;
    try {
      const beside = withTenant(tenantId, async (tx2) => {
        await tx2.execute(sql`select set_config('work_mem', '128MB', true), set_config('max_parallel_workers_per_gather', '0', true)`);
        await run.checkIdentities(tx2);
      });
      beside.catch(() => {}); // awaited below, after the walk
      await run.walk();
      await beside;
    } finally {
      borrowing = false;
    }
  } else {
    await run.walk();
    await run.checkIdentities(tx);
  }
  return run.result(opts.checkpoints?.length ?? 0);
}

class AuditRun {
  private tree: Tree | null = null;
  private origin = '';
  private verifiers: NoteVerifier[] = [];
  private readonly upperTiles = new Map<string, Buffer>();
  private level0 = new Map<number, Buffer>();
  private readonly auditor = new TileAuditor((level, index) => (level === 0 ? this.level0.get(index) : this.upperTiles.get(`${level}/${index}`)));
  /** Where the event ids of the last TILE_WIDTH leaves are (a tile mismatch at level 0 names one of them): batch, offset. */
  private readonly recentBatch: Buffer[] = new Array<Buffer>(TILE_WIDTH);
  private readonly recentAt = new Int32Array(TILE_WIDTH);
  private readonly entryProblems: AuditProblem[] = [];
  private identityProblem: AuditProblem | null = null;
  private readonly later: AuditProblem[] = [];
  private readonly given: GivenCp[] = [];
  private readonly givenRoots = new Map<number, Hash>();
  private storedCps: StoredCpCursor | null = null;
  private complete = true;
  private queued = 0;
  private identities = { checked: 0, erased: 0 };
  private lastHash = '';

  constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
    private readonly batchSize: number,
  ) {}

  /** The tree row, the tiles above level 0, the queue length, the given checkpoints opened. */
  async start(givenNotes: readonly string[]) {
    const [, [tree], upper, [queue]] = await pipelined([
      // Each batch is a short ordered index scan: parallel workers only add CPU (measured: 52 vs 41 ms per 4096 rows,
      // with two more processes busy). For this transaction only.
      this.tx.execute(sql`set local max_parallel_workers_per_gather = 0`),
      this.tx.select().from(ledgerTrees).where(eq(ledgerTrees.tenantId, this.tenantId)),
      this.tx
        .select({ level: ledgerTiles.level, idx: ledgerTiles.idx, hashes: ledgerTiles.hashes })
        .from(ledgerTiles)
        .where(and(eq(ledgerTiles.tenantId, this.tenantId), gte(ledgerTiles.level, 1))),
      this.tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(ledgerQueue).where(eq(ledgerQueue.tenantId, this.tenantId)),
    ]);
    this.tree = tree ?? null;
    this.origin = tree?.origin ?? originFor(this.tenantId);
    this.queued = queue?.n ?? 0;
    for (const t of upper) this.upperTiles.set(`${t.level}/${t.idx}`, t.hashes);
    this.verifiers = ledgerVerifierKeys().map(parseVerifierKey);
    givenNotes.forEach((note, index) => this.openGiven(note, index));
    this.storedCps = new StoredCpCursor(this.tx, this.tenantId, this.origin, this.batchSize);
    if (this.given.some((g) => g.size === 0)) this.givenRoots.set(0, emptyRoot());
  }

  private openGiven(note: string, index: number) {
    try {
      const cp = openCheckpoint(note, this.verifiers);
      if (cp.origin !== this.origin) {
        this.later.push({ reason: 'origin', seq: null, eventId: null, checkpoint: { source: 'given', size: cp.size, index }, detail: `checkpoint is for ${cp.origin}, not ${this.origin}` });
        return;
      }
      this.given.push({ index, size: cp.size, root: cp.root });
    } catch (e) {
      this.later.push({ reason: 'signature', seq: null, eventId: null, checkpoint: { source: 'given', size: -1, index }, detail: `not a checkpoint signed by a ledger key: ${(e as Error).message}` });
    }
  }

  /** One pass over the sealed events with their identity data and level-0 tiles, batch by batch. */
  async walk() {
    const wantGiven = new Set(this.given.map((g) => g.size));
    const rows = new AuditRows(this.tenantId, EVENT_COLUMNS);
    let prev = genesisHash(this.tenantId);
    // Pages of one batch each (the COPY text of its rows, their count and last seq, and their level-0 tiles); an empty
    // batch ends the pages. The next batch is read while this one is hashed.
    const pages = prefetchedBatches(
      async (after: number | null) => {
        const batch = await this.readBatch(after ?? 0);
        return batch.count ? [batch] : [];
      },
      (last) => last.lastSeq,
      1,
    );
    batchLoop: for await (const [batch] of pages) {
      // A batch starts at a multiple of batchSize: the tiles it completes or extends are the ones read with it.
      this.level0 = new Map(batch!.tiles.map((t) => [t.idx, t.hashes]));
      await this.storedCps!.ensure(this.auditor.size + batch!.count);
      rows.reset(batch!.text);
      while (rows.next()) {
        const seq = this.auditor.size + 1;
        const at = { seq, eventId: '' };
        const rowSeq = rows.int(C.seq);
        if (rowSeq !== seq) {
          this.entryProblems.push({ reason: 'gap', seq, eventId: null, detail: `the event at seq ${seq} is missing (next is seq ${rows.text(C.seq)})` });
          break batchLoop;
        }
        const version = rows.int(C.version);
        if (version < CANON_VERSION_TLOG && !rows.equals(C.prevHash, prev)) {
          this.entryProblems.push({ reason: 'link', ...at, eventId: rows.text(C.id)!, detail: 'prev_hash is not the previous event’s hash' });
          break batchLoop;
        }
        const hashes = rows.entryHashes();
        if (!hashes || !rows.equals(C.hash, hashes.hash)) {
          const detail = hashes ? 'the event’s columns no longer hash to its stored hash' : `unknown canonical version ${rows.text(C.version)}`;
          this.entryProblems.push({ reason: 'hash', ...at, eventId: rows.text(C.id)!, detail });
          break batchLoop;
        }
        prev = hashes.hash;
        this.recentBatch[(seq - 1) % TILE_WIDTH] = batch!.text;
        this.recentAt[(seq - 1) % TILE_WIDTH] = rows.offset(C.id);
        if (this.auditor.push(hashes.leaf)) break batchLoop;
        const size = this.auditor.size;
        if (wantGiven.has(size)) this.givenRoots.set(size, this.auditor.root());
        this.storedCps!.compareAt(size, this.auditor, this.later);
      }
      if (batch!.count < this.batchSize) break;
    }
    this.lastHash = prev;
    if (this.entryProblems.length > 0 || this.auditor.mismatch) this.complete = false;
    if (this.auditor.finish()) this.complete = false;
  }

  /**
   * Every pii commitment of a sealed event against its identity version and contact copy (rows in any order): counts,
   * and the break with the smallest seq.
   */
  async checkIdentities(tx: Tx) {
    const rows = new AuditRows(this.tenantId, IDENTITY_COLUMNS);
    await readIdentityRows(tx, this.tenantId, (lines) => {
      rows.reset(lines);
      while (rows.next()) {
        const verdict = rows.identityVerdict();
        if (verdict === 'ok') this.identities.checked++;
        else if (verdict === 'erased') this.identities.erased++;
        else if (verdict !== 'none') {
          const seq = rows.int(I.seq);
          if (this.identityProblem && this.identityProblem.seq! <= seq) continue;
          const detail = {
            pii: 'the stored identity data no longer hashes to the event’s pii commitment',
            identity_missing: 'the identity version the event commits to is gone',
            contact_copy: 'the contact’s data differs from the identity version its event recorded',
          }[verdict];
          this.identityProblem = { reason: verdict, seq, eventId: rows.text(I.id)!, detail };
        }
      }
    });
  }

  private async readBatch(after: number) {
    const firstTile = Math.floor(after / TILE_WIDTH);
    const lastTile = Math.floor((after + this.batchSize) / TILE_WIDTH);
    const [text, tiles] = await pipelined([
      readAuditBatch(this.tx, this.tenantId, after, this.batchSize),
      this.tx
        .select({ idx: ledgerTiles.idx, hashes: ledgerTiles.hashes })
        .from(ledgerTiles)
        .where(and(eq(ledgerTiles.tenantId, this.tenantId), eq(ledgerTiles.level, 0), gte(ledgerTiles.idx, firstTile), lte(ledgerTiles.idx, lastTile))),
    ]);
    // The row count and the last row's seq (its first column), for the next keyset bound and the end of the walk.
    let count = 0;
    let lastLine = 0;
    for (let nl = text.indexOf(0x0a); nl >= 0; nl = text.indexOf(0x0a, nl + 1)) {
      count++;
      if (nl + 1 < text.length) lastLine = nl + 1;
    }
    const lastSeq = count ? Number(text.toString('latin1', lastLine, text.indexOf(0x09, lastLine))) : after;
    return { text, count, lastSeq, tiles };
  }

  async result(givenCount: number): Promise<LedgerAudit> {
    const size = this.auditor.size;
    const root = this.auditor.root();
    const mismatch = this.auditor.mismatch;
    if (mismatch) this.entryProblems.push(this.tileProblem(mismatch));
    const stored = await this.storedCps!.drain(this.complete ? size : null, this.later);
    this.checkTree(size, root);
    this.checkSigned(size);
    this.checkGiven(size, root);
    const problems = [...this.treeMissing(size), ...this.entryProblems, ...(this.identityProblem ? [this.identityProblem] : []), ...this.later];
    return {
      ok: problems.length === 0,
      tenantId: this.tenantId,
      origin: this.origin,
      events: size,
      complete: this.complete,
      root: encodeBase64(root),
      lastHash: this.lastHash,
      treeSize: this.tree?.size ?? null,
      checkpoints: { stored, given: givenCount },
      identities: this.identities,
      queued: this.queued,
      firstProblem: problems[0] ?? null,
      problems,
    };
  }

  private tileProblem(m: TileMismatch): AuditProblem {
    const entry = m.node.level === 0;
    const seq = entry ? m.node.index + 1 : null;
    const what = m.reason === 'missing' ? 'is missing' : 'differs from the tree recomputed from the entries';
    return {
      reason: 'tile',
      seq,
      eventId: entry && this.recentBatch[m.node.index % TILE_WIDTH] ? idAt(this.recentBatch[m.node.index % TILE_WIDTH]!, this.recentAt[m.node.index % TILE_WIDTH]!) : null,
      node: m.node,
      tile: m.tile,
      detail: `stored hash of node ${m.node.level}/${m.node.index} (tile ${m.tile.level}/${m.tile.index}, position ${m.position}) ${what}`,
    };
  }

  private treeMissing(size: number): AuditProblem[] {
    if (this.tree || size === 0) return [];
    return [{ reason: 'tree_missing', seq: null, eventId: null, detail: `${size} events are sealed but the tree (ledger_trees) is gone` }];
  }

  private checkTree(size: number, root: Hash) {
    if (!this.tree || !this.complete) return;
    if (this.tree.size !== size) {
      const reason = this.tree.size > size ? 'truncated' : 'tree';
      this.later.push({ reason, seq: null, eventId: null, detail: `the tree row says ${this.tree.size} entries, the log has ${size}` });
    } else if (!hashEqual(this.tree.root, root)) {
      this.later.push({ reason: 'tree', seq: null, eventId: null, detail: 'the tree row’s root is not the recomputed root' });
    }
  }

  /** The sequencer stores the tree and its signed checkpoint together: entries past the last checkpoint were not sealed by it. */
  private checkSigned(size: number) {
    const signed = this.storedCps!.maxSize;
    if (!this.complete || size <= signed) return;
    this.later.push({ reason: 'unsigned', seq: signed + 1, eventId: null, detail: `entries ${signed + 1}..${size} are covered by no stored signed checkpoint` });
  }

  /** Consistency of each given checkpoint with the log: same size → same root; smaller → a prefix; larger → cut. */
  private checkGiven(size: number, root: Hash) {
    for (const g of this.given) {
      const checkpoint = { source: 'given' as const, size: g.size, index: g.index };
      if (g.size > size) {
        if (this.complete) {
          this.later.push({ reason: 'truncated', seq: size + 1, eventId: null, checkpoint, detail: `a checkpoint signed at size ${g.size}, but the log has ${size} entries: it was cut or rewound` });
        }
        continue;
      }
      const at = g.size === size ? root : this.givenRoots.get(g.size);
      if (at && !hashEqual(at, g.root)) {
        const how = g.size === size ? 'same size, different root' : `the log's first ${g.size} entries no longer have this root`;
        this.later.push({ reason: 'root', seq: null, eventId: null, checkpoint, detail: `rewritten after the checkpoint was signed: ${how}` });
      }
    }
  }
}

/**
 * The stored checkpoints in size order, read in batches as the walk advances: each one's signature (by a ledger key,
 * for this log) and its row against its note, and its root against the recomputed root when the walk reaches its size.
 */
class StoredCpCursor {
  private loaded: StoredCp[] = [];
  private pos = 0;
  private lastSize = -1;
  private exhausted = false;
  count = 0;
  /** The largest size of a validly signed stored checkpoint seen (0 without any). */
  maxSize = 0;

  constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
    private readonly origin: string,
    private readonly batchSize: number,
  ) {}

  /** Loads checkpoints until one beyond `size` is loaded or none are left. */
  async ensure(size: number) {
    while (!this.exhausted && this.lastSize <= size) {
      const rows = await this.tx
        .select({ size: ledgerCheckpoints.size, root: ledgerCheckpoints.root, note: ledgerCheckpoints.note })
        .from(ledgerCheckpoints)
        .where(and(eq(ledgerCheckpoints.tenantId, this.tenantId), gt(ledgerCheckpoints.size, this.lastSize)))
        .orderBy(asc(ledgerCheckpoints.size))
        .limit(this.batchSize);
      this.loaded = [...this.loaded.slice(this.pos), ...rows];
      this.pos = 0;
      if (rows.length < this.batchSize) this.exhausted = true;
      if (rows.length) this.lastSize = rows[rows.length - 1]!.size;
    }
  }

  /** Compares the stored checkpoint of exactly `size` entries (if any) with the recomputed root. */
  compareAt(size: number, auditor: TileAuditor, out: AuditProblem[]) {
    while (this.pos < this.loaded.length && this.loaded[this.pos]!.size <= size) {
      const cp = this.loaded[this.pos++]!;
      this.check(cp, cp.size === size ? auditor.root() : null, out);
    }
  }

  /** The checkpoints past the walk: signatures only, and `truncated` when the walk completed below their size. */
  async drain(walked: number | null, out: AuditProblem[]): Promise<number> {
    for (;;) {
      while (this.pos < this.loaded.length) {
        const cp = this.loaded[this.pos++]!;
        this.check(cp, null, out);
        if (walked !== null && cp.size > walked && !out.some((p) => p.reason === 'truncated' && p.checkpoint?.source === 'stored')) {
          out.push({ reason: 'truncated', seq: walked + 1, eventId: null, checkpoint: { source: 'stored', size: cp.size }, detail: `a stored checkpoint of size ${cp.size}, but the log has ${walked} entries` });
        }
      }
      if (this.exhausted) return this.count;
      await this.ensure(this.lastSize);
    }
  }

  private verifiers: NoteVerifier[] | null = null;

  private check(cp: StoredCp, recomputed: Hash | null, out: AuditProblem[]) {
    this.count++;
    const checkpoint = { source: 'stored' as const, size: cp.size };
    this.verifiers ??= ledgerVerifierKeys().map(parseVerifierKey);
    try {
      const opened = openCheckpoint(cp.note, this.verifiers, this.origin);
      if (opened.size !== cp.size || !hashEqual(opened.root, cp.root)) {
        out.push({ reason: 'root', seq: null, eventId: null, checkpoint, detail: 'the stored checkpoint row differs from its signed note' });
        return;
      }
    } catch (e) {
      out.push({ reason: 'signature', seq: null, eventId: null, checkpoint, detail: `not signed by a ledger key: ${(e as Error).message}` });
      return;
    }
    this.maxSize = Math.max(this.maxSize, cp.size);
    if (recomputed && !hashEqual(recomputed, cp.root)) {
      out.push({ reason: 'root', seq: null, eventId: null, checkpoint, detail: `the root at size ${cp.size} is not the recomputed root` });
    }
  }
}
