import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { withTenant } from '@/lib/db/with-tenant';
import { DomainError } from '@/lib/errors';
import { loadImport, type LoadedImport } from './load-import';
import type { AddressBookActor } from './types';

/**
 * Runs an export of the member's own open import and writes its audit row in the same transaction; a finished,
 * expired or other member's import is a 404.
 */
export async function exportFromImport<T>(actor: AddressBookActor, id: string, action: string, fn: (imp: LoadedImport) => T | Promise<T>): Promise<T> {
  return withTenant(actor.tenantId, async (tx) => {
    const imp = await loadImport(tx, actor, id);
    if (!imp) throw new DomainError('addressBook.importGone', 404);
    await recordAudit(tx, { tenantId: actor.tenantId, actorUserId: actor.userId, action, targetType: 'address_book_check', targetId: id });
    return fn(imp);
  });
}
