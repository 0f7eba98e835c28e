import type { ParseIssue } from './parse';
import type { ListName } from './match';

export const LISTS = ['stay', 'go', 'unknown', 'waiting'] as const satisfies readonly ListName[];

/** One number of a card with the ledger's answer for it (null list: not a valid number in the import's region). */
export type StoredNumber = {
  raw: string;
  e164: string | null;
  label?: string;
  list: ListName | null;
  eventType?: string;
  eventAt?: string;
  channel?: string;
  noticeVersionId?: string;
};

/** A card of the import as kept (encrypted) while the member works on it. */
export type StoredCard = { i: number; line: number; name: string | null; vcard: string; list: ListName; numbers: StoredNumber[] };

/** The whole import, sealed at rest (crypto.ts); `invites` maps a card index to the token of its personal link. */
export type ImportPayload = {
  format: string;
  region: string;
  cards: StoredCard[];
  issues: ParseIssue[];
  invites: Record<string, string>;
};

export type ListCounts = Record<ListName, number>;

/** The member working on an import: tenant from the session, never from the request. */
export type AddressBookActor = { tenantId: string; userId: string; email: string };

/** How long an import is kept at most. */
export const IMPORT_TTL_MS = 24 * 60 * 60 * 1000;

/** One line of the printable removal list: a number that makes its card go, and why. */
export type RemovalRow = { name: string | null; number: string; eventType: string; eventAt: string | null; channel: string | null };
