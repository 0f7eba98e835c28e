import { bigint, customType, foreignKey, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { consentEvents } from './consent';
import { inviteLinks } from './links';
import { tenants } from './tenants';

/** bytea as a Node Buffer (hashes and tiles of the transparency log). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

/**
 * Events waiting to be integrated into their tenant's transparency log, in arrival order (issue #16, docs/ledger.md).
 * Written in the submission's own transaction; the sequencer deletes the rows it integrates in its batch transaction.
 */
export const ledgerQueue = pgTable(
  'ledger_queue',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    arrival: bigint('arrival', { mode: 'number' }).generatedByDefaultAsIdentity(),
    eventId: uuid('event_id').notNull(),
    /**
     * The invite link whose use this event counts when it is sealed (a link without a use limit): its counter is then
     * written by the sequencer's batch, once per link and batch, instead of by every submission under the link's row
     * lock (which queued one link's submissions behind each other's commits). Null: nothing to count, or counted at
     * the append (a link with a use limit, whose last use must be refused atomically).
     */
    linkUse: uuid('link_use'),
  },
  (t) => [
    primaryKey({ name: 'ledger_queue_pk', columns: [t.tenantId, t.arrival] }),
    unique('ledger_queue_event_key').on(t.tenantId, t.eventId),
    foreignKey({ name: 'ledger_queue_event_fk', columns: [t.tenantId, t.eventId], foreignColumns: [consentEvents.tenantId, consentEvents.id] }),
    foreignKey({ name: 'ledger_queue_link_use_fk', columns: [t.tenantId, t.linkUse], foreignColumns: [inviteLinks.tenantId, inviteLinks.id] }),
  ],
);

/** Each tenant's tree: origin (the log's name), size and root. Its row lock makes one batch per tenant at a time. */
export const ledgerTrees = pgTable('ledger_trees', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  origin: text('origin').notNull(),
  size: bigint('size', { mode: 'number' }).notNull().default(0),
  root: bytea('root').notNull(),
  // The tree size the last daily checkpoint mail covered (lib/ledger/checkpoint-mail.ts).
  checkpointMailedSize: bigint('checkpoint_mailed_size', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** C2SP tlog-tiles as rows: the hashes (32 bytes each, ≤ 256) of tile (level, idx). A tile only grows at its end. */
export const ledgerTiles = pgTable(
  'ledger_tiles',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hashes: bytea('hashes').notNull(),
  },
  (t) => [primaryKey({ name: 'ledger_tiles_pk', columns: [t.tenantId, t.level, t.idx] })],
);

/** Every signed checkpoint of every tenant's log, verbatim (C2SP signed-note over a tlog-checkpoint body). */
export const ledgerCheckpoints = pgTable(
  'ledger_checkpoints',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    size: bigint('size', { mode: 'number' }).notNull(),
    root: bytea('root').notNull(),
    note: text('note').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'ledger_checkpoints_pk', columns: [t.tenantId, t.size] })],
);
