// Bulk loading of a tenant's ledger for the benches (bench/ledger-scale.ts, bench/ledger-tlog.ts): contacts and events
// by COPY as the table owner, and — for sealed events — the tenant's transparency log (issue #16, docs/ledger.md)
// computed here in one pass (the same Frontier and tile layout the sequencer uses) and written as tiles, tree row and
// one signed checkpoint. Two forms:
//   sealed  legacy v1 chain events with seq 1..n (as loaded before migration 0008) + the tree over their entries, as if
//           the sequencer had integrated them: verifyChain compares the tree's size with the events, proofs read tiles
//   queued  canonical v3 events without seq + their ledger_queue rows in order: what appends leave for the sequencer
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { contactTokenHash } from '@/lib/consent/contact-state';
import { CANON_VERSION, CANON_VERSION_TLOG, eventEntry, eventHash, genesisHash, type ChainedEvent } from '@/lib/consent/event-hash';
import { piiHash } from '@/lib/consent/pii';
import { originFor } from '@/lib/ledger/log-store';
import { ledgerSigner } from '@/lib/ledger/signing';
import { signCheckpoint } from '@/lib/ledger/tlog/checkpoint';
import { Frontier } from '@/lib/ledger/tlog/frontier';
import { type Hash, leafHash } from '@/lib/ledger/tlog/hash';
import { TILE_HEIGHT, TILE_WIDTH, tileAddress } from '@/lib/ledger/tlog/tiles';

export type Tenant = { id: string; versionId: string; noticeHash: string; links: string[] };
const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const FIRST = ['Anna', 'Jonas', 'Lea', 'Lukas', 'Marie', 'Finn', 'Sophie', 'Elias', 'Emma', 'Paul', 'Mia', 'Ben', 'Hannah', 'Noah', 'Lina', 'Felix'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter'];
export const SPAN_MS = 730 * 86_400_000; // events spread evenly over the last two years

// Events come in groups of ten: nine opt-ins of new contacts, then an opt-out of the group's first contact.
export const contactCount = (n: number) => 9 * Math.floor(n / 10) + Math.min(n % 10, 9);
const contactOf = (e: number) => (e % 10 === 9 ? 9 * Math.floor(e / 10) : 9 * Math.floor(e / 10) + (e % 10));
const uuidFrom = (s: string) => {
  const h = createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
export const contact = (tenantId: string, c: number) => ({
  id: uuidFrom(`${tenantId}:contact:${c}`),
  salt: uuidFrom(`${tenantId}:salt:${c}`).replace(/-/g, ''),
  name: `${FIRST[c % FIRST.length]} ${LAST[Math.floor(c / FIRST.length) % LAST.length]}`,
  phone: `+49151${String(c).padStart(8, '0')}`,
  identityId: uuidFrom(`${tenantId}:identity:${c}`),
});
const copyCell = (v: string | number | null) => (v === null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (ch) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[ch]!));
const copyLine = (cells: (string | number | null)[]) => cells.map(copyCell).join('\t') + '\n';
const bytea = (b: Uint8Array) => `\\x${Buffer.from(b).toString('hex')}`;

async function* batched(n: number, line: (i: number) => string) {
  for (let i = 0; i < n; i += 1000) {
    let s = '';
    for (let j = i; j < Math.min(n, i + 1000); j++) s += line(j);
    yield s;
  }
}

async function copyIn(pg: postgres.Sql, table: string, columns: string, lines: AsyncIterable<string> | Iterable<string>) {
  const writable = await pg.unsafe(`copy ${table} (${columns}) from stdin`).writable();
  await pipeline(Readable.from(lines), writable);
}

/**
 * The tree over leaves appended in order, kept as C2SP tiles (lib/ledger/tlog/tiles.ts): each tile level's open tile
 * collects its hashes and is closed at 256, so memory holds the finished tiles (≈ n/255 × 8 kB), not every node.
 */
export class BulkTree {
  private readonly frontier = Frontier.empty();
  private readonly open = new Map<number, { index: number; hashes: Hash[] }>();
  readonly tiles: { level: number; index: number; hashes: Buffer }[] = [];

  private readonly sink = (level: number, index: number, hash: Hash) => {
    if (level % TILE_HEIGHT !== 0) return;
    const a = tileAddress(level, index);
    let tile = this.open.get(a.tileLevel);
    if (!tile || tile.index !== a.tileIndex) this.open.set(a.tileLevel, (tile = { index: a.tileIndex, hashes: [] }));
    if (tile.hashes.length !== a.nodeIndex) throw new RangeError(`tile ${a.tileLevel}/${a.tileIndex}: gap at ${a.nodeIndex}`);
    tile.hashes.push(hash);
    if (tile.hashes.length === TILE_WIDTH) {
      this.tiles.push({ level: a.tileLevel, index: a.tileIndex, hashes: Buffer.concat(tile.hashes) });
      this.open.delete(a.tileLevel);
    }
  };

  add(entry: Uint8Array): void {
    this.frontier.append(leafHash(entry), this.sink);
  }

  get size(): number {
    return this.frontier.size;
  }

  /** The root, and every tile including the partial ones (what the store holds for a tree of this size). */
  finish(): { size: number; root: Buffer; tiles: { level: number; index: number; hashes: Buffer }[] } {
    const partial = [...this.open.entries()].map(([level, t]) => ({ level, index: t.index, hashes: Buffer.concat(t.hashes) }));
    return { size: this.frontier.size, root: Buffer.from(this.frontier.root()), tiles: [...this.tiles, ...partial] };
  }
}

/** Writes a built tree as the sequencer would leave it: tiles, the tree row (size, root, origin) and a signed checkpoint. */
export async function storeTree(pg: postgres.Sql, tenantId: string, tree: BulkTree): Promise<{ size: number; root: Buffer }> {
  const { size, root, tiles } = tree.finish();
  await copyIn(pg, 'ledger_tiles', 'tenant_id, level, idx, hashes', (function* () {
    for (let i = 0; i < tiles.length; i += 200) yield tiles.slice(i, i + 200).map((t) => copyLine([tenantId, t.level, t.index, bytea(t.hashes)])).join('');
  })());
  const origin = originFor(tenantId);
  const signer = ledgerSigner();
  const note = signCheckpoint({ origin, size, root, extensions: [] }, signer);
  await pg`insert into ledger_trees (tenant_id, origin, size, root) values (${tenantId}, ${origin}, ${size}, ${root})
           on conflict (tenant_id) do update set size = excluded.size, root = excluded.root`;
  await pg`insert into ledger_checkpoints (tenant_id, size, root, note, key_id) values (${tenantId}, ${size}, ${root}, ${note}, ${signer.keyIdHex})`;
  return { size, root };
}

/**
 * Loads `n` events (contacts and their identity versions first, for the foreign keys) for one tenant. `sealed`: a valid v1 chain from genesis with
 * seq 1..n and the tree over it (stored); `queued`: v3 events without seq and their queue rows, in event order.
 */
export async function loadTenant(pg: postgres.Sql, t: Tenant, n: number, start: number, form: 'sealed' | 'queued'): Promise<void> {
  const at = (e: number) => new Date(start + Math.floor((e * SPAN_MS) / n));
  const nContacts = contactCount(n);
  await copyIn(
    pg,
    'contacts',
    'tenant_id, id, name, phone_e164, email, pii_salt, status, status_at, language, withdraw_token_hash, created_at, updated_at',
    batched(nContacts, (c) => {
      const k = contact(t.id, c);
      const firstEvent = 10 * Math.floor(c / 9) + (c % 9);
      const optOutEvent = 10 * Math.floor(c / 9) + 9;
      const out = c % 9 === 0 && optOutEvent < n;
      const created = at(firstEvent).toISOString();
      const statusAt = (out ? at(optOutEvent) : at(firstEvent)).toISOString();
      return copyLine([t.id, k.id, k.name, k.phone, null, k.salt, out ? 'opted_out' : 'opted_in', statusAt, 'de', contactTokenHash(k.id), created, statusAt]);
    }),
  );
  // One identity version per contact, the one its events' piiHash commits to (verifyChain and the auditor recompute it).
  await copyIn(
    pg,
    'contact_identities',
    'tenant_id, id, contact_id, name, phone_e164, email, pii_salt, created_at',
    batched(nContacts, (c) => {
      const k = contact(t.id, c);
      return copyLine([t.id, k.identityId, k.id, k.name, k.phone, null, k.salt, at(10 * Math.floor(c / 9) + (c % 9)).toISOString()]);
    }),
  );
  const sealed = form === 'sealed';
  const tree = sealed ? new BulkTree() : null;
  const ids: string[] = [];
  let prev = genesisHash(t.id);
  await copyIn(
    pg,
    'consent_events',
    'tenant_id, id, seq, canon_version, type, contact_id, notice_version_id, notice_hash, link_id, channel, language, ip_truncated, user_agent, idempotency_key, pii_hash, identity_id, occurred_at, prev_hash, hash',
    batched(n, (e) => {
      const k = contact(t.id, contactOf(e));
      const optIn = e % 10 !== 9;
      const ev: ChainedEvent = {
        canonVersion: sealed ? CANON_VERSION : CANON_VERSION_TLOG,
        id: randomUUID(),
        tenantId: t.id,
        seq: sealed ? e + 1 : null,
        type: optIn ? 'opt_in' : 'opt_out',
        contactId: k.id,
        occurredAt: at(e),
        noticeVersionId: optIn ? t.versionId : null,
        noticeHash: optIn ? t.noticeHash : null,
        linkId: t.links[e % t.links.length]!,
        channel: 'whatsapp',
        language: 'de',
        ipTruncated: '203.0.113.0',
        userAgent: UA,
        idempotencyKey: randomUUID(),
        piiHash: piiHash(k.salt, { name: k.name, phoneE164: k.phone, email: null }),
        prevHash: sealed ? prev : null,
      };
      const hash = eventHash(ev);
      if (sealed) {
        prev = hash;
        tree!.add(eventEntry(ev));
      } else ids.push(ev.id);
      return copyLine([ev.tenantId, ev.id, ev.seq, ev.canonVersion, ev.type, ev.contactId, ev.noticeVersionId, ev.noticeHash, ev.linkId, ev.channel, ev.language, ev.ipTruncated, ev.userAgent, ev.idempotencyKey, ev.piiHash, k.identityId, ev.occurredAt.toISOString(), ev.prevHash, hash]);
    }),
  );
  if (tree) await storeTree(pg, t.id, tree);
  // arrival: the queue's identity, in COPY order = event order (what appends one after another leave behind)
  else await copyIn(pg, 'ledger_queue', 'tenant_id, event_id', batched(n, (e) => copyLine([t.id, ids[e]!])));
  // Each decision counts a use of its link in the consent path; verifyChain compares the two (link_uses/truncated).
  await pg`update invite_links l set uses = (select count(*) from consent_events e where e.tenant_id = l.tenant_id and e.link_id = l.id)
           where l.tenant_id = ${t.id}`;
}
