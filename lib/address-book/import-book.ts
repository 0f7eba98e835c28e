import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db';
import { addressBookChecks, addressBookImports } from '@/db/schema/address-book';
import { recordAudit } from '@/lib/audit/record-audit';
import { withTenant } from '@/lib/db/with-tenant';
import { buildCards, countLists, distinctNumbers, noticeVersionsOf } from './build-cards';
import { sealPayload } from './crypto';
import { cleanedVcard, sha256Of } from './exports';
import { matchNumbers } from './match';
import { parseContactFile, type ParseResult } from './parse';
import { IMPORT_TTL_MS, type AddressBookActor, type ImportPayload } from './types';

/**
 * Parses an uploaded contact file, matches its numbers against the ledger and stores the import encrypted for the
 * uploading member (24 h at most) beside its check row (counts and hashes only). Parse errors throw before anything
 * is written.
 */
export async function importAddressBook(actor: AddressBookActor, bytes: Uint8Array, region: string, now = new Date()): Promise<{ id: string }> {
  const parsed = await parseContactFile(bytes, { region });
  return withTenant(actor.tenantId, (tx) => storeImport(tx, actor, parsed, { region, fileSha256: sha256Of(bytes), now }));
}

/** Matches the parsed cards inside the tenant transaction and writes the check row, the sealed import and the audit row. */
export async function storeImport(
  tx: Tx,
  actor: AddressBookActor,
  parsed: ParseResult,
  opts: { region: string; fileSha256: string; now: Date },
): Promise<{ id: string }> {
  const byNumber = await matchNumbers(tx, distinctNumbers(parsed.cards));
  const cards = buildCards(parsed.cards, byNumber);
  const counts = countLists(cards);
  const id = randomUUID();
  const payload: ImportPayload = { format: parsed.format, region: opts.region, cards, issues: parsed.issues, invites: {} };
  await tx.insert(addressBookChecks).values({
    tenantId: actor.tenantId,
    id,
    createdBy: actor.userId,
    format: parsed.format,
    region: opts.region,
    cards: cards.length,
    ...counts,
    skipped: parsed.issues.length,
    fileSha256: opts.fileSha256,
    cleanedSha256: sha256Of(cleanedVcard(payload)),
    noticeVersions: noticeVersionsOf(cards),
    createdAt: opts.now,
  });
  await tx.insert(addressBookImports).values({
    tenantId: actor.tenantId,
    id,
    userId: actor.userId,
    payload: sealPayload(payload, { tenantId: actor.tenantId, importId: id, userId: actor.userId }),
    createdAt: opts.now,
    expiresAt: new Date(opts.now.getTime() + IMPORT_TTL_MS),
  });
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: 'address_book.import',
    targetType: 'address_book_check',
    targetId: id,
    details: { format: parsed.format, region: opts.region, cards: cards.length, ...counts, skipped: parsed.issues.length },
  });
  return { id };
}
