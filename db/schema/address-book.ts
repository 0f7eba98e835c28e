import { customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { tenants } from './tenants';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A notice version behind the consents of the "may stay" cards, with how many cards it covers. */
export type CheckNoticeVersion = { noticeVersionId: string; cards: number };

/**
 * What is kept of an address-book check after its import is gone: counts, dates and hashes — no name, no number
 * (lib/address-book, README "Address-book check"). The DPO's check PDF is rendered from this row.
 */
export const addressBookChecks = pgTable(
  'address_book_checks',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    format: text('format').notNull(),
    region: text('region').notNull(),
    cards: integer('cards').notNull(),
    stay: integer('stay').notNull(),
    go: integer('go').notNull(),
    unknown: integer('unknown').notNull(),
    waiting: integer('waiting').notNull(),
    skipped: integer('skipped').notNull(),
    invites: integer('invites').notNull().default(0),
    // SHA-256 of the uploaded file and of the cleaned vCard the check produces.
    fileSha256: text('file_sha256').notNull(),
    cleanedSha256: text('cleaned_sha256').notNull(),
    noticeVersions: jsonb('notice_versions').$type<CheckNoticeVersion[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // When the import's data was deleted, and why ('finished' by the member, 'expired' after 24 h).
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedReason: text('closed_reason'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('address_book_checks_tenant_created_idx').on(t.tenantId, t.createdAt)],
);

/**
 * The uploaded book while its member works on it: parsed cards and their statuses, AES-256-GCM encrypted
 * (lib/address-book/crypto.ts), readable only by the uploading member, deleted on "finish" or after 24 hours.
 */
export const addressBookImports = pgTable(
  'address_book_imports',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    payload: bytea('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.id], foreignColumns: [addressBookChecks.tenantId, addressBookChecks.id] }).onDelete('cascade'),
    index('address_book_imports_expires_idx').on(t.expiresAt),
  ],
);
