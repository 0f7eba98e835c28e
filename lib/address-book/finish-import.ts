import 'server-only';
import { and, desc, eq, isNull, lte } from 'drizzle-orm';
import type { Tx } from '@/db';
import { addressBookChecks, addressBookImports } from '@/db/schema/address-book';
import { recordAudit } from '@/lib/audit/record-audit';
import { DomainError } from '@/lib/errors';
import type { AddressBookActor } from './types';

/** "Finish": deletes the member's import (names, numbers, cards); the check row keeps counts, dates and hashes. */
export async function finishImport(tx: Tx, actor: AddressBookActor, id: string, now = new Date()): Promise<void> {
  const deleted = await tx
    .delete(addressBookImports)
    .where(and(eq(addressBookImports.tenantId, actor.tenantId), eq(addressBookImports.id, id), eq(addressBookImports.userId, actor.userId)))
    .returning({ id: addressBookImports.id });
  if (deleted.length === 0) throw new DomainError('addressBook.importGone', 404);
  await tx
    .update(addressBookChecks)
    .set({ closedAt: now, closedReason: 'finished' })
    .where(and(eq(addressBookChecks.tenantId, actor.tenantId), eq(addressBookChecks.id, id)));
  await recordAudit(tx, { tenantId: actor.tenantId, actorUserId: actor.userId, action: 'address_book.finish', targetType: 'address_book_check', targetId: id });
}

/**
 * Deletes every import older than 24 h that `tx` can see — one tenant's inside withTenant (the lazy sweep on page
 * load), all tenants' from the worker (withSystem) — and marks their checks expired, with an audit row each.
 */
export async function sweepExpiredImports(tx: Tx, now = new Date()): Promise<number> {
  const gone = await tx
    .delete(addressBookImports)
    .where(lte(addressBookImports.expiresAt, now))
    .returning({ tenantId: addressBookImports.tenantId, id: addressBookImports.id });
  for (const g of gone) {
    await tx
      .update(addressBookChecks)
      .set({ closedAt: now, closedReason: 'expired' })
      .where(and(eq(addressBookChecks.tenantId, g.tenantId), eq(addressBookChecks.id, g.id), isNull(addressBookChecks.closedAt)));
    await recordAudit(tx, { tenantId: g.tenantId, actorUserId: null, action: 'address_book.expire', targetType: 'address_book_check', targetId: g.id });
  }
  return gone.length;
}

/** The tenant's checks, newest first (what the DPO sees: counts and dates, no names or numbers). */
export async function listChecks(tx: Tx, tenantId: string, limit = 20) {
  return tx.select().from(addressBookChecks).where(eq(addressBookChecks.tenantId, tenantId)).orderBy(desc(addressBookChecks.createdAt)).limit(limit);
}
