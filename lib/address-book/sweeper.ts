import 'server-only';
import type { Db } from '@/db';
import { getDb } from '@/db';
import { log } from '@/lib/log';
import { sweepExpiredImports } from './finish-import';

const SWEEP_EVERY_MS = 10 * 60 * 1000;
const g = globalThis as unknown as { __einwImportSweeper?: NodeJS.Timeout };

/** Deletes every tenant's imports older than 24 h (cross-tenant, as the owner role: the mail worker's context). */
export async function sweepAllExpiredImports(db?: Db, now = new Date()): Promise<number> {
  const conn = db ?? (await getDb());
  return conn.transaction((tx) => sweepExpiredImports(tx, now));
}

/**
 * Starts the process's sweep timer once, beside the mail worker (the pages also sweep their tenant lazily on every
 * load): imports are gone 24 h after upload even when nobody opens the page again.
 */
export function startImportSweeper(db?: Db): void {
  if (g.__einwImportSweeper) return;
  const tick = () =>
    void sweepAllExpiredImports(db).then(
      (n) => n > 0 && log.info({ imports: n }, 'address-book imports expired'),
      (err: unknown) => log.warn({ code: (err as { code?: string }).code }, 'address-book sweep failed'),
    );
  g.__einwImportSweeper = setInterval(tick, SWEEP_EVERY_MS);
  g.__einwImportSweeper.unref();
  tick();
}
