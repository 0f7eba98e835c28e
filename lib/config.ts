import 'server-only';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomToken } from './crypto';
import { dataDir } from '@/db';
import { env } from './env';

/**
 * Public base URL (an origin, no trailing slash) of every link sent by mail, printed on receipts and QR codes, and of
 * Auth.js's magic links — never taken from request headers. APP_URL is required in production (lib/env.ts); the
 * localhost default serves development and `next build`.
 */
export function appUrl(): string {
  return env().APP_URL ?? `http://localhost:${env().PORT}`;
}

export function mailFrom(): string {
  return env().MAIL_FROM;
}

let secret: string | undefined;

/**
 * AUTH_SECRET signs sessions and derives invite-link tokens. In production it must be set; in development a random
 * one is generated once into $DATA_DIR/auth-secret so restarts keep sessions and links valid.
 */
export function authSecret(): string {
  if (secret) return secret;
  const e = env();
  if (e.AUTH_SECRET) return (secret = e.AUTH_SECRET);
  if (process.env.NODE_ENV === 'production' && !e.ALLOW_GENERATED_SECRET) {
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
  return !env().RESEND_API_KEY;
}

/** /dev/outbox is for development; production servers show it only when explicitly asked (e2e, demos). */
export function devOutboxEnabled(): boolean {
  return mailsGoToLocalOutbox() && (process.env.NODE_ENV !== 'production' || env().DEV_OUTBOX);
}
