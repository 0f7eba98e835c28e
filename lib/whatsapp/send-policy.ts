import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { contacts, whatsappInbox, whatsappOutbox, whatsappPreferences } from '@/db/schema';
import type { Tx } from '@/db';

type OutboxRow = typeof whatsappOutbox.$inferSelect;
export type SendDecision = { allowed: true; basis: 'reply' | 'consent' } | { allowed: false; reason: 'no_consent' | 'window_closed' | 'marketing_stopped' };

/**
 * The ledger check before every send. A number gets a message only when its latest contact is opted in (and it has
 * not stopped marketing messages since) — except the one reply to its own message inside the 24-hour window: the
 * outbox row names that message, and the inbox must hold it, from this very number.
 */
export async function sendDecision(tx: Tx, row: OutboxRow, now = new Date()): Promise<SendDecision> {
  if (row.replyToMessageId) {
    if (!row.replyWindowEndsAt || row.replyWindowEndsAt <= now) return { allowed: false, reason: 'window_closed' };
    const [own] = await tx
      .select({ id: whatsappInbox.id })
      .from(whatsappInbox)
      .where(and(eq(whatsappInbox.tenantId, row.tenantId), eq(whatsappInbox.messageId, row.replyToMessageId), eq(whatsappInbox.waId, row.toWaId), eq(whatsappInbox.kind, 'message')))
      .limit(1);
    if (own) return { allowed: true, basis: 'reply' };
    return { allowed: false, reason: 'no_consent' };
  }
  const [[latest], [pref]] = await Promise.all([
    tx
      .select({ status: contacts.status, statusAt: contacts.statusAt })
      .from(contacts)
      .where(and(eq(contacts.tenantId, row.tenantId), eq(contacts.phoneE164, `+${row.toWaId}`)))
      .orderBy(desc(contacts.statusAt))
      .limit(1),
    tx
      .select({ value: whatsappPreferences.value, occurredAt: whatsappPreferences.occurredAt })
      .from(whatsappPreferences)
      .where(and(eq(whatsappPreferences.tenantId, row.tenantId), eq(whatsappPreferences.waId, row.toWaId), eq(whatsappPreferences.category, 'marketing_messages'))),
  ]);
  if (!latest || latest.status !== 'opted_in') return { allowed: false, reason: 'no_consent' };
  if (pref?.value === 'stop' && pref.occurredAt >= latest.statusAt) return { allowed: false, reason: 'marketing_stopped' };
  return { allowed: true, basis: 'consent' };
}
