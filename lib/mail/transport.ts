import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/db';
import type { OutboxAttachment } from '@/db/schema';
import { mailFrom, mailsGoToLocalOutbox } from '@/lib/config';
import { env } from '@/lib/env';

export type MailToSend = {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: OutboxAttachment[];
  createdAt: Date;
};

export function localOutboxDir(): string {
  return path.join(dataDir(), 'outbox');
}

/**
 * Delivers one outbox row and returns the provider's message id. Resend when RESEND_API_KEY is set (RESEND_BASE_URL
 * points the SDK elsewhere, e.g. a test stub); otherwise a JSON file in $DATA_DIR/outbox, shown by /dev/outbox.
 * The outbox id is the idempotency key, so a retry after a crash mid-send does not deliver twice.
 */
export async function deliver(mail: MailToSend): Promise<string> {
  if (mailsGoToLocalOutbox()) return writeLocal(mail);
  const { Resend } = await import('resend');
  const resend = new Resend(env().RESEND_API_KEY);
  const { data, error } = await resend.emails.send(
    {
      from: mailFrom(),
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.contentBase64, contentType: a.contentType })),
    },
    { idempotencyKey: `outbox-${mail.id}` },
  );
  if (error || !data) throw new Error(`Resend: ${error?.name ?? 'error'}: ${error?.message ?? 'no response'}`);
  return data.id;
}

async function writeLocal(mail: MailToSend): Promise<string> {
  const dir = localOutboxDir();
  await mkdir(dir, { recursive: true });
  // Named by creation time and id: a re-send of the same row overwrites its file instead of adding a second one.
  const file = path.join(dir, `${mail.createdAt.toISOString().replace(/[:.]/g, '-')}_${mail.id}.json`);
  const body = { id: mail.id, from: mailFrom(), to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, attachments: mail.attachments, createdAt: mail.createdAt.toISOString() };
  await writeFile(`${file}.tmp`, JSON.stringify(body, null, 2));
  await rename(`${file}.tmp`, file);
  return `local-${mail.id}`;
}
