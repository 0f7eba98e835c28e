import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { language, noticeStatus } from './enums';
import { tenants } from './tenants';

/** A privacy notice (e.g. "WhatsApp-Kommunikation"); its text lives in versions. */
export const privacyNotices = pgTable(
  'privacy_notices',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** One version of a notice. Once published it is immutable (trigger in the RLS migration). */
export const noticeVersions = pgTable(
  'notice_versions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    noticeId: uuid('notice_id').notNull(),
    version: integer('version').notNull(),
    status: noticeStatus('status').notNull().default('draft'),
    language: language('language').notNull().default('de'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    purpose: text('purpose').notNull(),
    legalBasis: text('legal_basis').notNull().default('Art. 6 Abs. 1 lit. a DSGVO'),
    textHash: text('text_hash'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.noticeId], foreignColumns: [privacyNotices.tenantId, privacyNotices.id] }).onDelete(
      'cascade',
    ),
    unique('notice_versions_notice_version_key').on(t.tenantId, t.noticeId, t.version),
    index('notice_versions_published_idx').on(t.tenantId, t.noticeId, t.status, t.version),
  ],
);
