import 'server-only';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/db';

/**
 * The simulator's memory, in files under $DATA_DIR/whatsapp-sim (like the local mail outbox): every web process and
 * the worker process of one data directory see the same simulated WhatsApp. Development and tests only.
 */
export type SimMessage = {
  id: string;
  direction: 'to_contact' | 'to_app';
  phoneNumberId: string;
  /** The contact's wa_id. */
  waId: string;
  body: string;
  at: string;
  /** to_contact: accepted, or the error code it was refused with; to_app: the HTTP status of the webhook. */
  result: string;
};

const dir = () => path.join(dataDir(), 'whatsapp-sim');
const file = (name: string) => path.join(dir(), name);

export function recordSim(m: SimMessage) {
  mkdirSync(dir(), { recursive: true });
  appendFileSync(file('messages.jsonl'), JSON.stringify(m) + '\n');
}

/** Newest first. */
export function listSim(limit = 200): SimMessage[] {
  if (!existsSync(file('messages.jsonl'))) return [];
  const lines = readFileSync(file('messages.jsonl'), 'utf8').trim().split('\n').filter(Boolean);
  return lines
    .slice(-limit)
    .reverse()
    .map((l) => JSON.parse(l) as SimMessage);
}

function readFailures(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file('failures.json'), 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Makes the next send to `waId` fail with `code` (131047, 131050, …); null clears it. */
export function setFailure(waId: string, code: number | null) {
  mkdirSync(dir(), { recursive: true });
  const f = readFailures();
  if (code === null) delete f[waId];
  else f[waId] = code;
  writeFileSync(file('failures.json'), JSON.stringify(f));
}

/** The failure set for `waId`, consumed (one send fails). */
export function takeFailure(waId: string): number | null {
  const f = readFailures();
  const code = f[waId];
  if (code === undefined) return null;
  setFailure(waId, null);
  return code;
}

export function pendingFailures(): Record<string, number> {
  return readFailures();
}
