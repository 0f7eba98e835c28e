import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { whatsappReviewMessages } from '@/db/schema';
import type { Tx } from '@/db';

/** The tenant's open messages to review, newest first. */
export async function listReviewMessages(tx: Tx, tenantId: string, limit = 100) {
  return tx
    .select({
      id: whatsappReviewMessages.id,
      reason: whatsappReviewMessages.reason,
      waId: whatsappReviewMessages.waId,
      contactId: whatsappReviewMessages.contactId,
      body: whatsappReviewMessages.body,
      messageAt: whatsappReviewMessages.messageAt,
    })
    .from(whatsappReviewMessages)
    .where(and(eq(whatsappReviewMessages.tenantId, tenantId), isNull(whatsappReviewMessages.reviewedAt)))
    .orderBy(desc(whatsappReviewMessages.messageAt))
    .limit(limit);
}

/** Marks one as reviewed: its text is cleared (it was kept only for a person to read). */
export async function markReviewed(tx: Tx, tenantId: string, id: string, userId: string) {
  const rows = await tx
    .update(whatsappReviewMessages)
    .set({ reviewedAt: new Date(), reviewedBy: userId, body: null })
    .where(and(eq(whatsappReviewMessages.tenantId, tenantId), eq(whatsappReviewMessages.id, id), isNull(whatsappReviewMessages.reviewedAt)))
    .returning({ id: whatsappReviewMessages.id });
  return rows.length > 0;
}
