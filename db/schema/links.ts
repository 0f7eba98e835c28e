import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { privacyNotices } from './notices';
import { tenants } from './tenants';

/**
 * An invite link to the public consent page. Only the SHA-256 of its token is stored; the token itself is
 * re-derived from the link id with the server secret when the dashboard shows it (lib/links/token.ts).
 */
export const inviteLinks = pgTable(
  'invite_links',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    noticeId: uuid('notice_id').notNull(),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull(),
    // The token itself, so the dashboard can show the link again without re-deriving it from a secret that may be
    // rotated (lib/links/token.ts). Null only for links created before migration 0003 until they are backfilled.
    token: text('token'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    opens: integer('opens').notNull().default(0),
    prefillName: text('prefill_name'),
    prefillPhone: text('prefill_phone'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.noticeId], foreignColumns: [privacyNotices.tenantId, privacyNotices.id] }),
    unique('invite_links_token_hash_key').on(t.tokenHash),
    index('invite_links_tenant_created_idx').on(t.tenantId, t.createdAt),
  ],
);
