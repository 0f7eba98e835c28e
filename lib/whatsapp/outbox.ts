import 'server-only';
import { whatsappOutbox } from '@/db/schema';
import type { Tx } from '@/db';

/** The customer-service window: a business may answer a user's message freely for 24 hours after it. */
export const SERVICE_WINDOW_MS = 24 * 3600_000;

export type OutgoingWhatsapp = {
  tenantId: string;
  /** Unique per tenant: the same cause never queues two messages (e.g. `reply:<inbound message id>`). */
  idempotencyKey: string;
  kind: string;
  toWaId: string;
  contactId?: string | null;
  body: string;
  /** An answer to this inbound message inside its window (allowed without consent, once); its time opens the window. */
  replyTo?: { messageId: string; at: Date } | null;
  /** false: a single attempt (the withdrawal reply is not retried, e.g. after 131047). */
  retry?: boolean;
};

/**
 * Queues a WhatsApp message in the caller's transaction (outbox pattern): sent by the worker iff the change commits,
 * at most once per idempotency key. Returns false when the key was already queued. Kick the worker after the commit
 * (kickWhatsappWorker) to send at once.
 */
export async function enqueueWhatsapp(tx: Tx, m: OutgoingWhatsapp): Promise<boolean> {
  const rows = await tx
    .insert(whatsappOutbox)
    .values({
      tenantId: m.tenantId,
      idempotencyKey: m.idempotencyKey,
      kind: m.kind,
      toWaId: m.toWaId,
      contactId: m.contactId ?? null,
      body: m.body.slice(0, 4096),
      replyToMessageId: m.replyTo?.messageId ?? null,
      replyWindowEndsAt: m.replyTo ? new Date(m.replyTo.at.getTime() + SERVICE_WINDOW_MS) : null,
      retry: m.retry ?? true,
    })
    .onConflictDoNothing()
    .returning({ id: whatsappOutbox.id });
  return rows.length > 0;
}

/** Whether a reply to a message of this time is still inside the 24-hour window. */
export function insideWindow(messageAt: Date, now = new Date()): boolean {
  return now.getTime() - messageAt.getTime() < SERVICE_WINDOW_MS;
}
