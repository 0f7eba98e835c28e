import 'server-only';
import { mailOutbox, type OutboxAttachment } from '@/db/schema';
import type { Tx } from '@/db';
import { laneOf } from './lanes';

/** The due time of a held mail: never, until released (a date every driver and Date can represent, unlike infinity). */
export const HELD = new Date('9999-12-31T00:00:00Z');

export type OutgoingMail = {
  tenantId: string | null;
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: OutboxAttachment[];
  relatedId?: string;
  /** A receipt of a ledger event: not sent before the sequencer seals the event (it releases the mail then). */
  heldUntilSealed?: boolean;
};

/**
 * Writes a mail into the outbox inside the caller's transaction: it is sent if and only if the change commits.
 * Call kickMailWorker() after the commit to send it at once rather than on the next poll. The lane follows from the
 * kind (lib/mail/lanes.ts): mail a person waits for is claimed before bulk evidence mail.
 */
export async function enqueueMail(tx: Tx, { heldUntilSealed, ...mail }: OutgoingMail): Promise<string> {
  const [row] = await tx
    .insert(mailOutbox)
    .values({ ...mail, lane: laneOf(mail.kind), attachments: mail.attachments ?? [], ...(heldUntilSealed ? { nextAttemptAt: HELD } : {}) })
    .returning({ id: mailOutbox.id });
  return row!.id;
}
