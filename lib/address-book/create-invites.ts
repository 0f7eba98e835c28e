import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { inviteLinks } from '@/db/schema';
import { addressBookChecks, addressBookImports } from '@/db/schema/address-book';
import { recordAudit } from '@/lib/audit/record-audit';
import { DomainError } from '@/lib/errors';
import { LABEL_MAX } from '@/lib/links/schemas';
import { listPublishableNotices } from '@/lib/links/list-publishable-notices';
import { newInviteToken, tokenHash } from '@/lib/links/token';
import { sealPayload } from './crypto';
import { inviteNumber } from './exports';
import type { LoadedImport } from './load-import';
import type { AddressBookActor } from './types';

/** A name as an invite link's prefill: no control characters (a card name may carry CR/LF), at most LABEL_MAX. */
export function prefillName(name: string | null): string | null {
  const clean = (name ?? '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, LABEL_MAX);
  return clean || null;
}

/**
 * Creates a single-use personal invite link (prefilled name and number) on `noticeId` for every "not asked yet" card
 * of the import that has a valid number and no link yet; remembers the tokens in the sealed import. The links keep
 * only what they need (name, number); the audit row only the count.
 */
export async function createImportInvites(
  tx: Tx,
  actor: AddressBookActor,
  imp: LoadedImport,
  input: { noticeId: string; label: string | null },
): Promise<number> {
  if ((await listPublishableNotices(tx, actor.tenantId, input.noticeId)).length === 0) throw new DomainError('links.errors.noticeNotPublished', 422);
  const payload = imp.payload;
  const rows: (typeof inviteLinks.$inferInsert)[] = [];
  for (const card of payload.cards) {
    const phone = inviteNumber(card);
    if (card.list !== 'unknown' || !phone || payload.invites[card.i]) continue;
    const token = newInviteToken();
    payload.invites[card.i] = token;
    rows.push({
      tenantId: actor.tenantId,
      noticeId: input.noticeId,
      label: input.label ?? actor.email,
      token,
      tokenHash: tokenHash(token),
      createdBy: actor.userId,
      maxUses: 1,
      prefillName: prefillName(card.name),
      prefillPhone: phone,
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(inviteLinks).values(rows.slice(i, i + 1000));
  const sealed = sealPayload(payload, { tenantId: actor.tenantId, importId: imp.id, userId: actor.userId });
  await tx
    .update(addressBookImports)
    .set({ payload: sealed })
    .where(and(eq(addressBookImports.tenantId, actor.tenantId), eq(addressBookImports.id, imp.id), eq(addressBookImports.userId, actor.userId)));
  await tx
    .update(addressBookChecks)
    .set({ invites: Object.keys(payload.invites).length })
    .where(and(eq(addressBookChecks.tenantId, actor.tenantId), eq(addressBookChecks.id, imp.id)));
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: 'address_book.invites',
    targetType: 'address_book_check',
    targetId: imp.id,
    details: { noticeId: input.noticeId, created: rows.length },
  });
  return rows.length;
}
