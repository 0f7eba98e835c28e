import 'server-only';
import { CONTACT_MAIL, EVIDENCE_MAIL } from '@/lib/consent/enqueue-evidence';
import { composeDigestMail, composeReceiptMail } from '@/lib/evidence/compose-mails';
import { DIGEST_MAIL } from '@/lib/evidence/digest';
import type { Composer } from './compose-types';
import type { MailToSend } from './transport';

export type { ComposedMail, Composer } from './compose-types';

/**
 * The deferred mail kinds: their content (evidence PDFs) is built at send time by the worker, so the consent
 * transaction only writes the outbox row and rendering stays off the hot path.
 */
const COMPOSERS: Readonly<Record<string, Composer>> = {
  [EVIDENCE_MAIL]: composeReceiptMail('company'),
  [CONTACT_MAIL]: composeReceiptMail('contact'),
  [DIGEST_MAIL]: composeDigestMail,
};

/** A mail row with its content: stored content as is, deferred content composed now. */
export async function composeMail<T extends MailToSend & { kind: string; tenantId: string | null; relatedId: string | null }>(row: T): Promise<T> {
  if (row.html) return row;
  const composer = Object.hasOwn(COMPOSERS, row.kind) ? COMPOSERS[row.kind] : undefined;
  if (!composer) throw new Error(`no composer for deferred mail kind "${row.kind}"`);
  return { ...row, ...(await composer(row)) };
}
