import { boolean, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { evidenceDelivery, memberRole } from './enums';

/** A company using the product. Its id is the distribution key of every tenant-owned table. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  legalName: text('legal_name'),
  address: text('address'),
  controllerRepresentative: text('controller_representative'),
  dpoName: text('dpo_name'),
  dpoEmail: text('dpo_email'),
  impressumUrl: text('impressum_url'),
  evidenceEmail: text('evidence_email'),
  contactPhone: text('contact_phone'),
  brandColor: text('brand_color'),
  // Logo as base64 in the row (≤ 300 kB, PNG/JPEG/WebP): every app instance serves it without shared storage.
  logoBase64: text('logo_base64'),
  logoContentType: text('logo_content_type'),
  // On by default: an opt-in stays pending until the contact proves control of an address (issue #11, item 3).
  doubleOptIn: boolean('double_opt_in').notNull().default(true),
  // Evidence mails to evidenceEmail: one per decision, or an hourly/daily digest (lib/evidence/digest*.ts).
  evidenceDelivery: evidenceDelivery('evidence_delivery').notNull().default('each'),
  // The owner dismissed the setup checklist on the dashboard.
  setupDismissedAt: timestamp('setup_dismissed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const memberInvitations = pgTable(
  'member_invitations',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    role: memberRole('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('member_invitations_token_hash_key').on(t.tokenHash),
    index('member_invitations_tenant_created_idx').on(t.tenantId, t.createdAt),
  ],
);

/** Dashboard actions, written in the same transaction as the change they record. */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: text('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('audit_log_tenant_created_idx').on(t.tenantId, t.createdAt)],
);

