import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mailLane, outboxStatus } from './enums';
import { tenants } from './tenants';

export type OutboxAttachment = { filename: string; contentType: string; contentBase64: string };

/**
 * Transactional e-mail outbox: rows are written in the same transaction as the change that causes them and sent
 * by lib/mail/worker.ts. tenant_id is null for mail that belongs to no tenant (sign-in links).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<OutboxAttachment[]>().notNull().default([]),
    relatedId: text('related_id'),
    status: outboxStatus('status').notNull().default('pending'),
    // Claimed interactive-first: a sign-in link never waits behind a burst of evidence mail (lib/mail/lanes.ts).
    lane: mailLane('lane').notNull().default('bulk'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('mail_outbox_lane_due_idx').on(t.status, t.lane, t.nextAttemptAt),
    index('mail_outbox_tenant_idx').on(t.tenantId, t.createdAt),
    // Receipt mails of an event, released by the sequencer when the event is sealed (migration 0008).
    index('mail_outbox_related_idx').on(t.tenantId, t.relatedId),
  ],
);

/**
 * The mail provider's rate limit for the whole deployment: a token bucket shared by every worker of every instance
 * (one row per provider), and the time until which the provider asked everyone to wait (429 retry-after).
 */
export const mailRateLimits = pgTable('mail_rate_limits', {
  name: text('name').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  refilledAt: timestamp('refilled_at', { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});
