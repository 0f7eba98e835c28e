import 'server-only';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { dataDir } from '@/db';
import { env } from '@/lib/env';

/** The built-in simulator stands in for Meta's Graph API (development, tests, e2e on a production build). */
export const SIMULATOR = 'simulator';
export const META_GRAPH_URL = 'https://graph.facebook.com';

/**
 * Where messages are sent: WHATSAPP_GRAPH_URL, else the in-process simulator where /dev/whatsapp is on (development,
 * e2e with DEV_OUTBOX=1) and Meta's Graph API in production.
 */
export function graphBaseUrl(): string {
  const e = env();
  if (e.WHATSAPP_GRAPH_URL) return e.WHATSAPP_GRAPH_URL;
  return devWhatsappEnabled() ? SIMULATOR : META_GRAPH_URL;
}

export function graphVersion(): string {
  return env().WHATSAPP_GRAPH_VERSION;
}

/** /dev/whatsapp and the simulator's Graph stand-in: development only, like /dev/outbox (DEV_OUTBOX=1 for e2e). */
export function devWhatsappEnabled(): boolean {
  return process.env.NODE_ENV !== 'production' || env().DEV_OUTBOX;
}

let key: Buffer | undefined;

/**
 * The AES-256-GCM key for WhatsApp secrets at rest. WHATSAPP_SECRETS_KEY in production; in development a random key
 * is generated once into $DATA_DIR/whatsapp-secrets-key (like the generated AUTH_SECRET).
 */
export function secretsKey(): Buffer {
  if (key) return key;
  const configured = env().WHATSAPP_SECRETS_KEY;
  if (configured) return (key = /^[0-9a-fA-F]{64}$/.test(configured) ? Buffer.from(configured, 'hex') : Buffer.from(configured, 'base64'));
  // A generated key is fine where only the simulator can be reached (development, e2e with DEV_OUTBOX=1).
  if (process.env.NODE_ENV === 'production' && !env().ALLOW_GENERATED_SECRET && !env().DEV_OUTBOX) {
    throw new Error('WHATSAPP_SECRETS_KEY must be set in production to connect a WhatsApp number (`openssl rand -hex 32`).');
  }
  const file = path.join(dataDir(), 'whatsapp-secrets-key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return (key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
}
