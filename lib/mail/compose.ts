import type { OutboxAttachment } from '@/db/schema';
import type { MailToSend } from './transport';

/** Content of a deferred mail, produced at send time from the row's kind and related id. */
export type ComposedMail = { subject: string; html: string; text: string; attachments: OutboxAttachment[] };
export type Composer = (row: { tenantId: string | null; relatedId: string | null; kind: string; to: string; createdAt: Date }) => Promise<ComposedMail>;

// Kept on globalThis: instrumentation registers composers once, and `next dev` re-evaluates this module.
const g = globalThis as unknown as { __einwComposers?: Map<string, Composer> };
const composers = (g.__einwComposers ??= new Map());

/**
 * Registers how to build mails of `kind` at send time. Evidence mails are deferred like this: the consent
 * transaction only writes the outbox row, and the PDF is rendered by the worker, off the hot path. The renderers
 * live in components/pdf, so the server start-up wires them in (lib never imports components).
 */
export function registerComposer(kind: string, composer: Composer): void {
  composers.set(kind, composer);
}

/** A mail row with its content: stored content as is, deferred content composed now. */
export async function composeMail<T extends MailToSend & { kind: string; tenantId: string | null; relatedId: string | null }>(row: T): Promise<T> {
  if (row.html) return row;
  const composer = composers.get(row.kind);
  if (!composer) throw new Error(`no composer registered for deferred mail kind "${row.kind}"`);
  return { ...row, ...(await composer(row)) };
}
