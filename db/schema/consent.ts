import { bigint, foreignKey, index, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { consentEventType, contactStatus, language } from './enums';
import { inviteLinks } from './links';
import { noticeVersions } from './notices';
import { tenants } from './tenants';

/**
 * A person who answered an invite. Holds the personal data (erasable) and the current consent state,
 * derived in the same transaction as each ledger event, so "who may we message now" is one indexed query.
 */
export const contacts = pgTable(
  'contacts',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name'),
    phoneE164: text('phone_e164'),
    email: text('email'),
    // Salt of the pii_hash commitments in the ledger; erasure deletes it with the data (DESIGN-NOTES.md).
    piiSalt: text('pii_salt'),
    status: contactStatus('status').notNull(),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    language: language('language').notNull().default('de'),
    withdrawTokenHash: text('withdraw_token_hash'),
    confirmTokenHash: text('confirm_token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('contacts_withdraw_token_hash_key').on(t.withdrawTokenHash),
    unique('contacts_confirm_token_hash_key').on(t.confirmTokenHash),
    index('contacts_tenant_status_idx').on(t.tenantId, t.status),
    index('contacts_tenant_phone_idx').on(t.tenantId, t.phoneE164),
    // Ledger search is a substring match (name ILIKE, phone LIKE): trigram indexes instead of a seq scan per tenant,
    // used through ledger_search_contacts (migration 0002; lib/ledger/search.ts). Needs pg_trgm (PGlite: db/index.ts).
    index('contacts_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('contacts_phone_trgm_idx').using('gin', t.phoneE164.op('gin_trgm_ops')),
  ],
);

/**
 * The personal data one submission recorded, as an append-only version of its contact (DESIGN-NOTES: identity
 * versions). Each version has its own salt; an event references the version its pii_hash commits to, so a receipt
 * always shows the data *its* event recorded and verification can recompute every commitment. Rows are never
 * updated except by erasure, which clears the data and the salt together (trigger in migration 0003).
 */
export const contactIdentities = pgTable(
  'contact_identities',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    contactId: uuid('contact_id').notNull(),
    name: text('name'),
    phoneE164: text('phone_e164'),
    email: text('email'),
    piiSalt: text('pii_salt'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    index('contact_identities_contact_idx').on(t.tenantId, t.contactId, t.createdAt),
  ],
);

/** The append-only, per-tenant hash-chained consent ledger. UPDATE/DELETE are refused by trigger and grants. */
export const consentEvents = pgTable(
  'consent_events',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    // Leaf index + 1 in the tenant's transparency log; null from the append until the sequencer integrates the event.
    seq: bigint('seq', { mode: 'number' }),
    canonVersion: smallint('canon_version').notNull(),
    type: consentEventType('type').notNull(),
    contactId: uuid('contact_id').notNull(),
    noticeVersionId: uuid('notice_version_id'),
    noticeHash: text('notice_hash'),
    linkId: uuid('link_id'),
    channel: text('channel').notNull().default('whatsapp'),
    language: language('language').notNull(),
    ipTruncated: text('ip_truncated'),
    userAgent: text('user_agent'),
    idempotencyKey: text('idempotency_key').notNull(),
    piiHash: text('pii_hash'),
    // The identity version piiHash commits to (null: an anonymous refusal). Not hashed itself: the commitment is.
    identityId: uuid('identity_id'),
    // Evidence of how the decision arrived (canon v2, hashed): web | whatsapp | dashboard | …; for WhatsApp the message
    // id, its time, what it was (keyword, button, user_preferences, error_131050, ownership_code) and a salted
    // commitment to the sender (consent_event_senders, db/schema/whatsapp.ts). Null on v1 events.
    evidenceChannel: text('evidence_channel'),
    evidenceKind: text('evidence_kind'),
    evidenceMessageId: text('evidence_message_id'),
    evidenceMessageAt: timestamp('evidence_message_at', { withTimezone: true, mode: 'date' }),
    evidenceSenderHash: text('evidence_sender_hash'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    // The v1/v2 hash chain's link; null from canonical version 3 on (the Merkle tree orders the events instead).
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.noticeVersionId], foreignColumns: [noticeVersions.tenantId, noticeVersions.id] }),
    foreignKey({ columns: [t.tenantId, t.linkId], foreignColumns: [inviteLinks.tenantId, inviteLinks.id] }),
    foreignKey({ columns: [t.tenantId, t.identityId], foreignColumns: [contactIdentities.tenantId, contactIdentities.id] }),
    unique('consent_events_seq_key').on(t.tenantId, t.seq),
    unique('consent_events_idem_key').on(t.tenantId, t.idempotencyKey),
    unique('consent_events_hash_key').on(t.hash),
    // (tenant_id, occurred_at, id) is the ledger's keyset order; type at the end lets the weekly counts of the
    // dashboard run as an index-only scan instead of reading every event row of the weeks.
    index('consent_events_tenant_time_idx').on(t.tenantId, t.occurredAt, t.id, t.type),
    index('consent_events_tenant_contact_idx').on(t.tenantId, t.contactId, t.seq),
    index('consent_events_tenant_link_idx').on(t.tenantId, t.linkId, t.occurredAt),
  ],
);

/** Head of each tenant's chain. Its row lock serialises appends per tenant across app instances. */
export const ledgerHeads = pgTable('ledger_heads', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  lastHash: text('last_hash').notNull(),
});

/**
 * The prefix of each tenant's chain that was last verified in full: later verifications (the public /verify page)
 * check the stored prefix end still matches and recompute only the events after it.
 */
export const ledgerVerifications = pgTable('ledger_verifications', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One evidence digest of a tenant: the decisions with seq in (fromSeq, toSeq], mailed together to the evidence address.
 * Digests cover consecutive seq ranges (unique fromSeq), so none skips or repeats a decision; the mail is written in
 * the same transaction as the row.
 */
export const evidenceDigests = pgTable(
  'evidence_digests',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    mailId: uuid('mail_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('evidence_digests_from_key').on(t.tenantId, t.fromSeq)],
);
