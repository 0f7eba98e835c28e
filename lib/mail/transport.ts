import 'server-only';
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
  const { data, error, headers } = await resend.emails.send(
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
  // The SDK gives the status only as the error body's statusCode (Resend sends it; the SDK sets it itself when the body
  // is not JSON) and the response headers as a plain object with lower-case names.
  if (error && (error.statusCode === 429 || error.name === 'rate_limit_exceeded' || error.name === 'daily_quota_exceeded')) {
    throw new ProviderRateLimited(retryAfterSeconds(headers ?? {}), `Resend: ${error.name}: ${error.message}`);
  }
  if (error || !data) throw new Error(`Resend: ${error?.name ?? 'error'}: ${error?.message ?? 'no response'}`);
  return data.id;
}

/** The provider refused a request for its rate limit (HTTP 429): wait `retryAfterSeconds`, do not count an attempt. */
export class ProviderRateLimited extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRateLimited';
  }
}

const MAX_RETRY_AFTER = 24 * 3600;

/**
 * Seconds to wait after a 429: `retry-after` (seconds or an HTTP date), else the IETF `ratelimit-reset` (seconds), else
 * one second; at most a day (Resend's daily quota).
 */
export function retryAfterSeconds(headers: Record<string, string>, now = Date.now()): number {
  const ra = headers['retry-after']?.trim();
  let s: number | undefined;
  if (ra && /^\d+(\.\d+)?$/.test(ra)) s = Number(ra);
  else if (ra && !Number.isNaN(Date.parse(ra))) s = (Date.parse(ra) - now) / 1000;
  else if (headers['ratelimit-reset'] && /^\d+$/.test(headers['ratelimit-reset'].trim())) s = Number(headers['ratelimit-reset']);
  return Math.min(Math.max(s ?? 1, 0.1), MAX_RETRY_AFTER);
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
