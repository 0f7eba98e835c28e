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

/**
 * Processes freshly stored webhook items / queued messages now instead of on the next poll: kicks this process's
 * WhatsApp worker, or, on a web-only instance on PostgreSQL, notifies the worker process. Fire-and-forget.
 */
export function kickWhatsappWorker(): void {
  const w = g.__einwWhatsappWorker;
  if (w) return w.kick();
  if (env().MAIL_WORKER || !env().DATABASE_URL) return;
  void getDb()
    .then((db) => db.execute(sql`select pg_notify(${WHATSAPP_KICK_CHANNEL}, '')`))
    .catch((err: unknown) => log.warn({ code: (err as { code?: string }).code }, 'whatsapp worker notification failed'));
}
