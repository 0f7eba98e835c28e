import 'server-only';
import { rawRows } from '@/lib/db/raw-rows';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { consentEvents, ledgerQueue, ledgerTrees, ledgerVerifications } from '@/db/schema';
import type { Tx } from '@/db';
import { prefetchedBatches } from '@/lib/db/prefetched-batches';
import { auditLedger, type AuditProblem, type AuditReason, type LedgerAudit } from '@/lib/ledger/audit';
import { CONTACT_MAIL, EVIDENCE_MAIL } from './enqueue-evidence';
import { CANON_VERSION_TLOG, eventHash, genesisHash } from './event-hash';
import { verifyIdentities, type IdentityBreak } from './verify-identities';

/**
 * Why a verification failed.
 * - `hash` · `link` · `gap`: a row no longer matches its hash, its prev_hash is not its predecessor's hash, a seq is missing.
 * - `head`: (legacy) the chain's head named another hash; today the tree (ledger_trees) is compared by size.
 * - `head_missing`: no head row although there are events, or evidence that there were (contacts, mails, link uses, a cached verification).
 * - `rewound`: the head points before the last event (head set back, or an event appended without moving the head).
 * - `truncated`: the database holds evidence of events the chain no longer has (head past the last event, a receipt
 *   mail, an audit row or a link use naming an event that is gone, a verified prefix longer than the chain).
 * - `rewritten`: the event at the seq of the cached verified prefix has another hash than when it was verified.
 * - `link_uses`: more decision events through an invite link than the link counted uses (an event appended
 *   without going through the consent path).
 * - the transparency log's own (full verification, lib/ledger/audit.ts): `tile`, `tree_missing`, `tree`, `unsigned`,
 *   `signature`, `origin`, `root`.
 */
export type ChainBreakReason =
  | 'head'
  | 'head_missing'
  | 'rewound'
  | 'rewritten'
  | 'link_uses'
  // Entries, the tree and its checkpoints (lib/ledger/audit.ts), and the personal-data commitments (verify-identities.ts).
  | AuditReason
  | IdentityBreak['reason'];

/** Where in the database a break was seen: the table, the row (id) and what was expected against what was found. */
export type ChainEvidence = {
  source:
    | 'consent_events'
    | 'ledger_trees'
    | 'ledger_tiles'
    | 'ledger_checkpoints'
    | 'ledger_verifications'
    | 'mail_outbox'
    | 'audit_log'
    | 'invite_links'
    | 'contacts'
    | 'contact_identities';
  id?: string;
  expected?: number | string;
  found?: number | string;
};
export type ChainBreak = {
  seq: number;
  eventId: string | null;
  reason: ChainBreakReason;
  evidence?: ChainEvidence;
};

export type ChainVerification = {
  ok: boolean;
  /** Events of the chain checked, from seq 1 (a cached prefix counts as checked). */
  events: number;
  /** The first of `breaks`, or null. */
  firstBreak: ChainBreak | null;
  /** Every break found, chain walk first, then the checks in `checks` order. */
  breaks: ChainBreak[];
  /** Hash of the last event checked (genesis hash of the tenant when there are none). */
  lastHash: string;
  /** The chain was checked through this seq; with `complete` false there are later events not yet checked. */
  verifiedUpTo: number;
  complete: boolean;
  /** 0: recomputed from the genesis; else the seq of the cached verified prefix the walk started after. */
  fromCache: number;
  /** Names of the checks that ran besides the chain walk. */
  checks: string[];
};

/** What the chain walk saw, handed to every check. */
export type ChainWalk = {
  tenantId: string;
  mode: 'full' | 'incremental';
  /** Last seq / hash checked by the walk (the cached prefix's end when nothing new was read). */
  lastSeq: number;
  lastHash: string;
  complete: boolean;
  /** The cached prefix the walk started after (incremental), and its event's time: evidence checks look from there on. */
  startSeq: number;
  startAt: Date | null;
};

/**
 * One check besides the chain walk. Add a check to `CHAIN_CHECKS` (e.g. identity commitments). A check gets the walk's
 * result and returns breaks; in incremental mode it should look only at what is new since `walk.startAt`.
 */
export type ChainCheck = {
  name: string;
  run: (tx: Tx, walk: ChainWalk) => Promise<ChainBreak[]>;
};

type Options = { batchSize?: number; remember?: boolean };

/**
 * Full verification (the dashboard's button, the period report): the ledger audit (lib/ledger/audit.ts — every event's
 * hash and chain link, every stored tile of the Merkle tree, every stored checkpoint's signature and root, the tree
 * row, every pii commitment) in one pass, then the checks that compare the log with the rest of the database
 * (FULL_CHECKS: the verified prefix, receipt mails, link use counts, audit rows). A passing verification is remembered
 * as the verified prefix (ledger_verifications) unless `remember` is false.
 *
 * What the database alone can and cannot show: the audit catches any change to an entry or to the stored tree, and a
 * tree grown without the signing key. A rewind or rewrite done consistently with the signing key is caught only by a
 * checkpoint kept outside the database (`npm run ledger:audit -- --checkpoint`); an append sealed with the key is
 * consistent with every checkpoint and shows only in the rows written with real events (mails, link uses, audit rows).
 */
export async function verifyChain(tx: Tx, tenantId: string, opts: number | Options = {}): Promise<ChainVerification> {
  const { batchSize = 4096, remember = true } = typeof opts === 'number' ? { batchSize: opts } : opts;
  const audit = await auditLedger(tx, tenantId, { batchSize });
  const breaks = [...audit.problems.map((p) => chainBreakOf(p, audit.events)), ...(await evidenceBreaks(tx, audit))];
  const ok = breaks.length === 0;
  if (ok && remember && audit.events > 0) await rememberPrefix(tx, tenantId, audit.events, audit.lastHash);
  return {
    ok,
    events: audit.events,
    firstBreak: breaks[0] ?? null,
    breaks,
    lastHash: audit.lastHash,
    verifiedUpTo: audit.events,
    complete: audit.complete,
    fromCache: 0,
    checks: ['ledger', ...FULL_CHECKS.map((c) => c.name)],
  };
}

/**
 * The checks that compare an audited log with the rows written together with real events (FULL_CHECKS: the verified
 * prefix, receipt mails, link use counts, audit rows). They catch what no checkpoint can: an event deleted together
 * with a consistent rewrite of the tree, or appended and sealed with the signing key. Also run by `npm run ledger:audit`.
 */
export async function evidenceBreaks(tx: Tx, audit: LedgerAudit): Promise<ChainBreak[]> {
  const walk: ChainWalk = { tenantId: audit.tenantId, mode: 'full', lastSeq: audit.events, lastHash: audit.lastHash, complete: audit.complete, startSeq: 0, startAt: null };
  const breaks: ChainBreak[] = [];
  for (const check of FULL_CHECKS) breaks.push(...(await check.run(tx, walk)));
  return breaks;
}

/** An audit problem as a chain break: the entry's seq (or the position after the log), and where it was seen. */
function chainBreakOf(p: AuditProblem, events: number): ChainBreak {
  const seq = p.seq ?? p.checkpoint?.size ?? events;
  const at = { seq: seq < 0 ? events : seq, eventId: p.eventId, reason: p.reason };
  if (p.tile) return { ...at, evidence: { source: 'ledger_tiles', id: `${p.tile.level}/${p.tile.index}` } };
  if (p.checkpoint?.source === 'stored') return { ...at, evidence: { source: 'ledger_checkpoints', id: String(p.checkpoint.size) } };
  if (p.reason === 'tree' || p.reason === 'tree_missing' || p.reason === 'truncated' || p.reason === 'unsigned') return { ...at, evidence: { source: 'ledger_trees' } };
  if (p.reason === 'contact_copy') return { ...at, evidence: { source: 'contacts' } };
  if (p.reason === 'pii' || p.reason === 'identity_missing') return { ...at, evidence: { source: 'contact_identities' } };
  return { ...at, evidence: { source: 'consent_events' } };
}

/**
 * Bounded verification for the public /verify page: trusts the cached verified prefix only when the event at its seq
 * still has its hash, recomputes at most `maxEvents` events after it, runs the checks over what is new, and moves the
 * cache forward when it passed. A row rewritten *below* the cached seq (with every later row rewritten to match)
 * is not seen here; the next full verification (the dashboard's button, the period report) recomputes everything.
 */
export async function verifyChainIncremental(tx: Tx, tenantId: string, maxEvents = 20_000, batchSize = 2000): Promise<ChainVerification> {
  return verify(tx, tenantId, {
    mode: 'incremental',
    batchSize,
    maxEvents,
    remember: true,
  });
}

/** Why `row` does not continue the chain after (lastSeq, prev): a missing seq, a broken link, a changed row; or null. */
function rowBreak(row: typeof consentEvents.$inferSelect, lastSeq: number, prev: string): ChainBreak | null {
  if (row.seq !== lastSeq + 1) return { seq: lastSeq + 1, eventId: null, reason: 'gap' };
  // v3 events (transparency log) have no prev_hash: the Merkle tree orders them (lib/ledger/audit.ts checks the tree).
  if (row.canonVersion < CANON_VERSION_TLOG && row.prevHash !== prev) return { seq: row.seq, eventId: row.id, reason: 'link' };
  if (eventHash(row) !== row.hash) return { seq: row.seq, eventId: row.id, reason: 'hash' };
  return null;
}

async function verify(
  tx: Tx,
  tenantId: string,
  o: {
    mode: 'full' | 'incremental';
    batchSize: number;
    maxEvents: number;
    remember: boolean;
  },
): Promise<ChainVerification> {
  const breaks: ChainBreak[] = [];
  let prev = genesisHash(tenantId);
  let lastSeq = 0;
  let startAt: Date | null = null;
  if (o.mode === 'incremental') {
    const cached = await cachedPrefix(tx, tenantId);
    if (cached.break) breaks.push(cached.break);
    else if (cached.start) ({ seq: lastSeq, hash: prev, at: startAt } = cached.start);
  }
  const startSeq = lastSeq;
  const batchSize = Math.min(o.batchSize, o.maxEvents);
  let read = 0;
  let complete = true;
  const batches = prefetchedBatches(
    (afterSeq: number | null) =>
      tx
        .select()
        .from(consentEvents)
        .where(and(eq(consentEvents.tenantId, tenantId), gt(consentEvents.seq, afterSeq ?? startSeq)))
        .orderBy(asc(consentEvents.seq))
        .limit(batchSize)
        .execute(),
    (last) => last.seq!, // the walk reads sealed events only (seq > n)
    batchSize,
  );
  walk: for await (const rows of batches) {
    for (const row of rows) {
      if (read >= o.maxEvents) {
        complete = false;
        break walk;
      }
      const b = rowBreak(row, lastSeq, prev);
      if (b) {
        breaks.push(b);
        complete = false;
        break walk;
      }
      prev = row.hash;
      lastSeq = row.seq!;
      read++;
    }
  }
  const ctx: ChainWalk = {
    tenantId,
    mode: o.mode,
    lastSeq,
    lastHash: prev,
    complete,
    startSeq,
    startAt,
  };
  // The checks also run after a broken walk: a truncation found by them says more than "broken at seq n" alone.
  for (const check of CHAIN_CHECKS) breaks.push(...(await check.run(tx, ctx)));
  const ok = breaks.length === 0;
  // Only a verification that passed moves the cache (a failed one leaves the last good prefix as evidence).
  if (ok && o.remember && lastSeq > 0 && lastSeq > startSeq) await rememberPrefix(tx, tenantId, lastSeq, prev);
  return {
    ok,
    events: lastSeq,
    firstBreak: breaks[0] ?? null,
    breaks,
    lastHash: prev,
    verifiedUpTo: lastSeq,
    complete,
    fromCache: startSeq,
    checks: CHAIN_CHECKS.map((c) => c.name),
  };
}

/** The cached verified prefix, trusted as a start only when the event at its seq still carries its hash. */
async function cachedPrefix(
  tx: Tx,
  tenantId: string,
): Promise<{
  start?: { seq: number; hash: string; at: Date };
  break?: ChainBreak;
}> {
  const [row] = await tx
    .select({
      seq: ledgerVerifications.seq,
      hash: ledgerVerifications.lastHash,
      eventId: consentEvents.id,
      eventHash: consentEvents.hash,
      at: consentEvents.occurredAt,
    })
    .from(ledgerVerifications)
    .leftJoin(consentEvents, and(eq(consentEvents.tenantId, ledgerVerifications.tenantId), eq(consentEvents.seq, ledgerVerifications.seq)))
    .where(eq(ledgerVerifications.tenantId, tenantId));
  if (!row) return {};
  const evidence = {
    source: 'ledger_verifications' as const,
    expected: row.hash,
    found: row.eventHash ?? 'none',
  };
  if (!row.eventId)
    return {
      break: { seq: row.seq, eventId: null, reason: 'truncated', evidence },
    };
  if (row.eventHash !== row.hash)
    return {
      break: {
        seq: row.seq,
        eventId: row.eventId,
        reason: 'rewritten',
        evidence,
      },
    };
  return { start: { seq: row.seq, hash: row.hash, at: row.at! } };
}

async function rememberPrefix(tx: Tx, tenantId: string, seq: number, hash: string) {
  await tx
    .insert(ledgerVerifications)
    .values({ tenantId, seq, lastHash: hash, verifiedAt: new Date() })
    .onConflictDoUpdate({
      target: ledgerVerifications.tenantId,
      set: { seq, lastHash: hash, verifiedAt: sql`now()` },
      // Two verifications at once: the longer prefix stays.
      setWhere: sql`${ledgerVerifications.seq} <= ${seq}`,
    });
}


/**
 * The tenant's tree (ledger_trees, issue #16) must exist when there are or were sealed events, and its size must be the
 * last sealed seq. (The tree's hashes themselves are checked by the auditor, lib/ledger/audit.ts.)
 */
const treeCheck: ChainCheck = {
  name: 'tree',
  async run(tx, w) {
    const [tree] = await tx.select({ size: ledgerTrees.size }).from(ledgerTrees).where(eq(ledgerTrees.tenantId, w.tenantId));
    // Full mode: the audit compared the tree with the events; only a log without events and without a tree is left.
    if (w.mode === 'full' && (w.lastSeq > 0 || (tree && tree.size > 0))) return [];
    if (!tree || (tree.size === 0 && w.lastSeq === 0)) {
      if (w.lastSeq > 0) return [{ seq: w.lastSeq, eventId: null, reason: 'head_missing', evidence: { source: 'consent_events', expected: w.lastSeq, found: 'none' } }];
      // Nothing sealed and no tree: a new tenant (or events still queued), unless something else says there were events.
      const [trace] = await rawRows<{ source: ChainEvidence['source'] }>(
        tx,
        sql`
          select 'contacts' as source where exists (select 1 from contacts where tenant_id = ${w.tenantId})
          union all select 'ledger_verifications' where exists (select 1 from ledger_verifications where tenant_id = ${w.tenantId})
          union all select 'invite_links' where exists (select 1 from invite_links where tenant_id = ${w.tenantId} and uses > 0)
          union all select 'mail_outbox' where exists (select 1 from mail_outbox where tenant_id = ${w.tenantId} and kind in (${EVIDENCE_MAIL}, ${CONTACT_MAIL}))
          limit 1`,
      );
      const queued = await tx.select({ one: sql`1` }).from(ledgerQueue).where(eq(ledgerQueue.tenantId, w.tenantId)).limit(1);
      return trace && queued.length === 0 ? [{ seq: 1, eventId: null, reason: 'head_missing', evidence: { source: trace.source, expected: 'tree', found: 'none' } }] : [];
    }
    const evidence = { source: 'ledger_trees' as const, expected: tree.size, found: w.lastSeq };
    if (tree.size < w.lastSeq) return [{ seq: tree.size + 1, eventId: null, reason: 'rewound', evidence }];
    if (!w.complete) return []; // later events not read: the size is compared with the end only when it was reached
    if (tree.size > w.lastSeq) return [{ seq: w.lastSeq + 1, eventId: null, reason: 'truncated', evidence }];
    return [];
  },
};

/**
 * The cached verified prefix must still be in the chain (full mode; incremental mode checks it before the walk):
 * a stored (seq, hash) the chain no longer has means the chain was cut or rewritten since it passed.
 */
const prefixCheck: ChainCheck = {
  name: 'verified_prefix',
  async run(tx, w) {
    if (w.mode !== 'full') return [];
    const c = await cachedPrefix(tx, w.tenantId);
    return c.break ? [c.break] : [];
  },
};

/**
 * Receipt mails are written in the same transaction as their event (enqueue-evidence.ts), so a receipt or a double
 * opt-in mail naming an event that is not in the ledger means the event was deleted (the mail row's own deletion
 * would hide it). Incremental mode looks only at mails since the cached prefix (with an hour's slack for long
 * transactions): an event at or below the prefix cannot vanish without the prefix check seeing it.
 */
const mailCheck: ChainCheck = {
  name: 'mail_outbox',
  async run(tx, w) {
    const since =
      w.mode === 'incremental' && w.startAt ? sql`and m.created_at >= ${new Date(w.startAt.getTime() - 3600_000).toISOString()}::timestamptz` : sql``;
    const rows = await rawRows<{ id: string; related_id: string }>(
      tx,
      sql`
        select m.id, m.related_id from mail_outbox m
        where m.tenant_id = ${w.tenantId} and m.kind in (${EVIDENCE_MAIL}, ${CONTACT_MAIL}, 'double_opt_in') and m.related_id is not null ${since}
          and not exists (
            select 1 from consent_events e
            where e.tenant_id = m.tenant_id
              and e.id = case when m.related_id ~ '^[0-9a-fA-F-]{36}$' then m.related_id::uuid end)
        limit 1`,
    );
    return rows.map((r) => ({
      seq: w.lastSeq + 1,
      eventId: r.related_id,
      reason: 'truncated' as const,
      evidence: { source: 'mail_outbox' as const, id: r.id },
    }));
  },
};

/**
 * Each decision through an invite link counts one use (record-decision.ts): a limited link's in the event's own
 * transaction, an unlimited link's when the sequencer seals the event (its queue row names the link until then, so
 * those events are not counted yet); only decision events carry a link id. More uses than events: events were
 * deleted; more events than uses: an event was added outside the consent path (or the count lowered). Full mode only
 * (one index scan over all events).
 */
const linkUsesCheck: ChainCheck = {
  name: 'invite_links',
  async run(tx, w) {
    if (w.mode !== 'full') return [];
    const rows = await rawRows<{ id: string; uses: number; events: number }>(
      tx,
      sql`
        select l.id, l.uses,
          ((select count(*) from consent_events e where e.tenant_id = l.tenant_id and e.link_id = l.id)
            - (select count(*) from ledger_queue q where q.tenant_id = l.tenant_id and q.link_use = l.id))::int as events
        from invite_links l where l.tenant_id = ${w.tenantId}`,
    );
    return rows
      .filter((r) => Number(r.events) !== Number(r.uses))
      .slice(0, 1)
      .map((r) => ({
        seq: w.lastSeq + 1,
        eventId: null,
        reason: Number(r.uses) > Number(r.events) ? ('truncated' as const) : ('link_uses' as const),
        evidence: {
          source: 'invite_links' as const,
          id: r.id,
          expected: Number(r.uses),
          found: Number(r.events),
        },
      }));
  },
};

/**
 * The audit log records every passed dashboard verification with its event count, and the event ids of withdrawals
 * and proof downloads: a count above the chain's length, or an id the ledger no longer has, means events were deleted.
 * Full mode only.
 */
const auditCheck: ChainCheck = {
  name: 'audit_log',
  async run(tx, w) {
    if (w.mode !== 'full') return [];
    // A count is compared with the chain's length only when the walk reached its end.
    const rows = await rawRows<{
      id: string;
      action: string;
      event_id: string | null;
      events: number | null;
    }>(
      tx,
      sql`
        select a.id, a.action, a.event_id, a.events from (
          select id, action,
                 case when target_type = 'event' then target_id else details::jsonb ->> 'eventId' end as event_id,
                 case when action = 'ledger.verify' and details::jsonb ->> 'ok' = 'true' then (details::jsonb ->> 'events')::bigint end as events
          from audit_log
          where tenant_id = ${w.tenantId} and (action in ('ledger.verify', 'contact.withdraw') or target_type = 'event')
        ) a
        where a.events > ${w.complete ? w.lastSeq : Number.MAX_SAFE_INTEGER}
           or (a.event_id is not null and not exists (
                select 1 from consent_events e
                where e.tenant_id = ${w.tenantId} and e.id = case when a.event_id ~ '^[0-9a-fA-F-]{36}$' then a.event_id::uuid end))
        limit 1`,
    );
    return rows.map((r) => ({
      seq: w.lastSeq + 1,
      eventId: r.events == null ? r.event_id : null,
      reason: 'truncated' as const,
      evidence: {
        source: 'audit_log' as const,
        id: r.id,
        ...(r.events != null ? { expected: Number(r.events), found: w.lastSeq } : {}),
      },
    }));
  },
};

/**
 * Every event's pii_hash recomputed from the identity version it names (verify-identities.ts); incremental: the events
 * after the cached prefix only.
 */
const identityCheck: ChainCheck = {
  name: 'identities',
  async run(tx, w) {
    const v = await verifyIdentities(tx, w.tenantId, { afterSeq: w.mode === 'incremental' ? w.startSeq : 0 });
    if (!v.firstBreak) return [];
    const b = v.firstBreak;
    return [{ seq: b.seq, eventId: b.eventId, reason: b.reason, evidence: { source: b.reason === 'contact_copy' ? 'contacts' : 'contact_identities' } }];
  },
};

/** The checks the incremental verification runs after its chain walk, in this order. */
export const CHAIN_CHECKS: ChainCheck[] = [treeCheck, prefixCheck, mailCheck, linkUsesCheck, auditCheck, identityCheck];
/** The checks the full verification runs after the ledger audit (which covers the tree and the identities itself). */
const FULL_CHECKS: ChainCheck[] = [treeCheck, prefixCheck, mailCheck, linkUsesCheck, auditCheck];
