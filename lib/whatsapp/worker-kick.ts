import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

/** The channel on which web-only instances (MAIL_WORKER=0) wake the separate worker (npm run worker). */
export const WHATSAPP_KICK_CHANNEL = 'whatsapp_kick';

export type Kickable = { kick(): void };
const g = globalThis as unknown as { __einwWhatsappWorker?: Kickable };

export function setKickTarget(w: Kickable | undefined) {
  g.__einwWhatsappWorker = w;
}

/** Kicks of a web-only instance within this window become one notification, sent after the last of them. */
export const NOTIFY_COALESCE_MS = 20;
let notifyPending = false;

/**
 * Processes freshly stored webhook items / queued messages now instead of on the next poll: kicks this process's
 * WhatsApp worker, or, on a web-only instance on PostgreSQL, notifies the worker process — at most one notification
 * per NOTIFY_COALESCE_MS, sent after the kicks it stands for (the worker drains until the inbox is empty, so one
 * wake-up covers every row committed before it), not one more statement per webhook delivery. Fire-and-forget.
 */
export function kickWhatsappWorker(): void {
  const w = g.__einwWhatsappWorker;
  if (w) return w.kick();
  if (env().MAIL_WORKER || !env().DATABASE_URL || notifyPending) return;
  notifyPending = true;
  setTimeout(() => {
    notifyPending = false;
    void getDb()
      .then((db) => db.execute(sql`select pg_notify(${WHATSAPP_KICK_CHANNEL}, '')`))
      .catch((err: unknown) => log.warn({ code: (err as { code?: string }).code }, 'whatsapp worker notification failed'));
  }, NOTIFY_COALESCE_MS).unref();
}
