import type { OutboxAttachment } from '@/db/schema';

/** Content of a deferred mail, produced at send time from the row's kind and related id. */
export type ComposedMail = { subject: string; html: string; text: string; attachments: OutboxAttachment[] };
/** Builds a deferred mail's content from its outbox row. */
export type Composer = (row: { tenantId: string | null; relatedId: string | null; kind: string; to: string; createdAt: Date }) => Promise<ComposedMail>;
