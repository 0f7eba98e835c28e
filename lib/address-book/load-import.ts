import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import type { Tx } from '@/db';
import { addressBookChecks, addressBookImports } from '@/db/schema/address-book';
import { openPayload } from './crypto';
import type { AddressBookActor, ImportPayload } from './types';

export type LoadedImport = { id: string; createdAt: Date; expiresAt: Date; payload: ImportPayload };

/**
 * The member's own open import, decrypted; null when it is finished, expired, or another member's (a member never
 * learns that someone else's import exists).
 */
export async function loadImport(tx: Tx, actor: AddressBookActor, id: string, now = new Date()): Promise<LoadedImport | null> {
  const [row] = await tx
    .select()
    .from(addressBookImports)
    .where(
      and(
        eq(addressBookImports.tenantId, actor.tenantId),
        eq(addressBookImports.id, id),
        eq(addressBookImports.userId, actor.userId),
        gt(addressBookImports.expiresAt, now),
      ),
    );
  if (!row) return null;
  const payload = openPayload<ImportPayload>(row.payload, { tenantId: actor.tenantId, importId: id, userId: actor.userId });
  return { id, createdAt: row.createdAt, expiresAt: row.expiresAt, payload };
}

/** The check row of an import (counts, dates, hashes): kept after the import is gone. */
export async function getCheck(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(addressBookChecks)
    .where(and(eq(addressBookChecks.tenantId, tenantId), eq(addressBookChecks.id, id)));
  return row ?? null;
}
export type CheckRow = NonNullable<Awaited<ReturnType<typeof getCheck>>>;

/** The member's open imports (id, dates) and the tenant's latest checks, newest first. */
export async function listOpenImports(tx: Tx, actor: AddressBookActor, now = new Date()) {
  return tx
    .select({ id: addressBookImports.id, createdAt: addressBookImports.createdAt, expiresAt: addressBookImports.expiresAt })
    .from(addressBookImports)
    .where(and(eq(addressBookImports.tenantId, actor.tenantId), eq(addressBookImports.userId, actor.userId), gt(addressBookImports.expiresAt, now)))
    .orderBy(addressBookImports.createdAt);
}
