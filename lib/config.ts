import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomToken } from './crypto';
import { dataDir } from '@/db';

/** Public base URL used in links sent by mail and in receipts. */
export function appUrl(): string {
  return (process.env.APP_URL ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? 'Einwilligung <no-reply@einwilligung.local>';
}

let secret: string | undefined;

/**
 * AUTH_SECRET signs sessions and derives invite-link tokens. In production it must be set; in development a random
 * one is generated once into $DATA_DIR/auth-secret so restarts keep sessions and links valid.
 */
export function authSecret(): string {
  if (secret) return secret;
  if (process.env.AUTH_SECRET) return (secret = process.env.AUTH_SECRET);
  if (process.env.NODE_ENV === 'production' && !process.env.ALLOW_GENERATED_SECRET) {
    throw new Error('AUTH_SECRET must be set in production (generate one with `openssl rand -base64 32`).');
  }
  const file = path.join(dataDir(), 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomToken(32), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process won the race
    }
  }
  return (secret = readFileSync(file, 'utf8').trim());
}

/** Mail goes to the local outbox (files + /dev/outbox) unless a Resend API key is configured. */
export function mailsGoToLocalOutbox(): boolean {
  return !process.env.RESEND_API_KEY;
}

/** /dev/outbox is for development; production servers show it only when explicitly asked (e2e, demos). */
export function devOutboxEnabled(): boolean {
  return mailsGoToLocalOutbox() && (process.env.NODE_ENV !== 'production' || process.env.DEV_OUTBOX === '1');
}
