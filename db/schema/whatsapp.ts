import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { consentEvents, contactIdentities, contacts } from './consent';
import { outboxStatus } from './enums';
import { tenants } from './tenants';

/**
 * A tenant's WhatsApp Business Platform (Cloud API) number. One callback URL serves every tenant: inbound webhooks
 * are routed by phone_number_id, unique across tenants. Secrets are AES-256-GCM ciphertexts under
 * WHATSAPP_SECRETS_KEY (lib/whatsapp/secrets.ts), never shown again, never logged; the verify token also as its
 * SHA-256, so the GET handshake finds its tenant without decrypting every row.
 */
export const whatsappConnections = pgTable(
  'whatsapp_connections',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    phoneNumberId: text('phone_number_id').notNull(),
    businessAccountId: text('business_account_id').notNull(),
    // The number contacts write to, E.164 (wa.me links, the settings page).
    displayNumber: text('display_number').notNull(),
    accessTokenEnc: text('access_token_enc').notNull(),
    appSecretEnc: text('app_secret_enc').notNull(),
    verifyTokenEnc: text('verify_token_enc').notNull(),
    verifyTokenHash: text('verify_token_hash').notNull(),
    // Connected to the built-in simulator (development, tests, the demo tenant).
    simulated: boolean('simulated').notNull().default(false),
    lastWebhookAt: timestamp('last_webhook_at', { withTimezone: true }),
    lastTestAt: timestamp('last_test_at', { withTimezone: true }),
    lastTestOk: boolean('last_test_ok'),
    connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('whatsapp_connections_phone_number_id_key').on(t.phoneNumberId), unique('whatsapp_connections_verify_token_hash_key').on(t.verifyTokenHash)],
);

/**
 * Durable inbox of webhook items: one row per message, per message status and per user preference, stored before
 * the webhook answers 200 and processed by the worker (lib/whatsapp/inbox-worker.ts). `externalKey` is the WhatsApp
 * message id (statuses: id + status; preferences: a digest of the item), unique per tenant, so Meta's retries and
 * concurrent duplicate deliveries become one row. Only what processing needs is kept; `body` is cleared once processed.
 */
export const whatsappInbox = pgTable(
  'whatsapp_inbox',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    externalKey: text('external_key').notNull(),
    // message | status | user_preference
    kind: text('kind').notNull(),
    // The WhatsApp message id (messages and statuses).
    messageId: text('message_id'),
    // The sender (messages, preferences) or recipient (statuses): wa_id digits without "+", and/or the business-scoped user id.
    waId: text('wa_id'),
    userId: text('user_id'),
    // messages: text | button | interactive | …; statuses: sent | delivered | read | failed; preferences: stop | resume.
    itemType: text('item_type'),
    // Text body or quick-reply payload; cleared after processing (kept on the review list when a person must read it).
    body: text('body'),
    // Error codes of a failed status, the preference category, the message a reply refers to.
    details: jsonb('details').$type<Record<string, unknown>>(),
    // When WhatsApp says it happened (the item's timestamp).
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    // What processing did: withdrawn, opt_out, start_link, code, review, ignored, …
    outcome: text('outcome'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('whatsapp_inbox_external_key').on(t.tenantId, t.externalKey),
    index('whatsapp_inbox_due_idx').on(t.status, t.nextAttemptAt),
    index('whatsapp_inbox_sender_idx').on(t.tenantId, t.waId, t.occurredAt),
  ],
);

/**
 * Outbound WhatsApp messages (outbox pattern): written in the transaction of the change that causes them, sent by
 * the worker to `${WHATSAPP_GRAPH_URL}/<version>/<phone_number_id>/messages` with backoff. Before each send the
 * ledger is checked (lib/whatsapp/send-policy.ts): a number without consent gets only the one reply to its own
 * message (`replyToMessageId`) inside the 24-hour window.
 */
export const whatsappOutbox = pgTable(
  'whatsapp_outbox',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    idempotencyKey: text('idempotency_key').notNull(),
    kind: text('kind').notNull(),
    toWaId: text('to_wa_id').notNull(),
    contactId: uuid('contact_id'),
    body: text('body').notNull(),
    // The inbound message this answers (the customer-service window's reply), or null for a message on consent.
    replyToMessageId: text('reply_to_message_id'),
    replyWindowEndsAt: timestamp('reply_window_ends_at', { withTimezone: true }),
    // false: one attempt only (the withdrawal reply: no retry on 131047).
    retry: boolean('retry').notNull().default(true),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    errorCode: integer('error_code'),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('whatsapp_outbox_idem_key').on(t.tenantId, t.idempotencyKey),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    index('whatsapp_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('whatsapp_outbox_provider_idx').on(t.tenantId, t.providerMessageId),
  ],
);

/**
 * One-time codes proving that the person who consented controls the number (double opt-in via WhatsApp, issue #17;
 * lib/whatsapp/ownership-codes.ts). Only the code's hash is stored; single use (usedAt), expiring.
 * purpose: `confirm` (a web opt-in waiting for the code) | `signup` ("Anmelden" from WhatsApp).
 */
export const whatsappOwnershipCodes = pgTable(
  'whatsapp_ownership_codes',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    codeHash: text('code_hash').notNull(),
    purpose: text('purpose').notNull().default('confirm'),
    contactId: uuid('contact_id'),
    identityId: uuid('identity_id'),
    // The number the code must come from, E.164 (null for a signup code, bound on use).
    phoneE164: text('phone_e164'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedMessageId: text('used_message_id'),
    // The ledger event the code produced (confirmed).
    eventId: uuid('event_id'),
    // Codes that arrived from another number (shown to the company as a mismatch).
    mismatches: integer('mismatches').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('whatsapp_ownership_codes_hash_key').on(t.tenantId, t.codeHash),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.identityId], foreignColumns: [contactIdentities.tenantId, contactIdentities.id] }),
    index('whatsapp_ownership_codes_contact_idx').on(t.tenantId, t.contactId),
  ],
);

/**
 * Inbound messages a person must read: a sentence merely containing a keyword ("bitte stoppt …"), a code from the
 * wrong number, anything not understood. The text is kept here (personal data) until reviewed or erased.
 */
export const whatsappReviewMessages = pgTable(
  'whatsapp_review_messages',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    inboxId: uuid('inbox_id').notNull(),
    // contains_keyword | code_mismatch | unmatched
    reason: text('reason').notNull(),
    waId: text('wa_id'),
    contactId: uuid('contact_id'),
    body: text('body'),
    messageAt: timestamp('message_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('whatsapp_review_inbox_key').on(t.tenantId, t.inboxId),
    foreignKey({ columns: [t.tenantId, t.inboxId], foreignColumns: [whatsappInbox.tenantId, whatsappInbox.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    index('whatsapp_review_open_idx').on(t.tenantId, t.reviewedAt, t.createdAt),
  ],
);

/** A tenant's own keyword lists (kind withdraw | start); no rows of a kind → the defaults in lib/whatsapp/keywords.ts. */
export const whatsappKeywords = pgTable(
  'whatsapp_keywords',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    keyword: text('keyword').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.keyword] })],
);

/** The last marketing-messages preference a number sent (user_preferences webhook): stop or resume. Never consent. */
export const whatsappPreferences = pgTable(
  'whatsapp_preferences',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    waId: text('wa_id').notNull(),
    category: text('category').notNull(),
    value: text('value').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.waId, t.category] })],
);

/**
 * Who sent the WhatsApp message a ledger event rests on (wa_id and/or business-scoped user id): personal data, so
 * kept beside the event with a salt of its own and erasable; the event's hash covers only the salted commitment
 * `evidence_sender_hash` = SHA-256(salt ‖ canonical(waId, userId)) (canon v2, lib/consent/event-hash.ts).
 */
export const consentEventSenders = pgTable(
  'consent_event_senders',
  {
    tenantId: uuid('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    waId: text('wa_id'),
    userId: text('user_id'),
    salt: text('salt'),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.eventId] }),
    // In migration 0005 this key is DEFERRABLE INITIALLY DEFERRED (checked at commit, so the sender may be written
    // before its event in one transaction) with ON DELETE CASCADE (a cascade is never deferred: deleting an event —
    // only possible past the append-only trigger — leaves no pending trigger events). drizzle-kit does not model either.
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [consentEvents.tenantId, consentEvents.id] }),
  ],
);
