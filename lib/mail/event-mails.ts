import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { mailOutbox } from '@/db/schema';
import type { Tx } from '@/db';
import { recordAudit } from '@/lib/audit/record-audit';
import { ERASED_RECIPIENT } from '@/lib/consent/erase';
import { DomainError } from '@/lib/errors';
import { laneOf } from './lanes';

/** Delivery state of the mails belonging to the given ledger events (dashboard: per-event delivery status). */
export async function mailsForEvents(tx: Tx, tenantId: string, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return tx
    .select({
      id: mailOutbox.id,
      relatedId: mailOutbox.relatedId,
      kind: mailOutbox.kind,
      to: mailOutbox.to,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      sentAt: mailOutbox.sentAt,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.tenantId, tenantId), inArray(mailOutbox.relatedId, eventIds)))
    .orderBy(asc(mailOutbox.createdAt));
}

/** Queues a mail of the tenant again as a new outbox row (the old row stays as history). */
export async function resendMail(tx: Tx, ctx: { tenantId: string; userId: string }, mailId: string) {
  const [old] = await tx.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, ctx.tenantId), eq(mailOutbox.id, mailId)));
  if (!old) throw new DomainError('notFound', 404);
  // A mail to a person who has since been erased (GDPR Art. 17): no address and no content left to send.
  if (old.to === ERASED_RECIPIENT) throw new DomainError('privacy.dashboard.erasedMail', 409);
  const [copy] = await tx
    .insert(mailOutbox)
    .values({ tenantId: old.tenantId, kind: old.kind, lane: laneOf(old.kind), to: old.to, subject: old.subject, html: old.html, text: old.text, attachments: old.attachments, relatedId: old.relatedId })
    .returning({ id: mailOutbox.id });
  await recordAudit(tx, { tenantId: ctx.tenantId, actorUserId: ctx.userId, action: 'mail.resend', targetType: 'mail', targetId: copy!.id, details: { of: old.id } });
  return { id: copy!.id };
}
