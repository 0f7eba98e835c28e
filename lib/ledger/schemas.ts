import { z } from 'zod';
import { EVENT_TYPES } from '@/lib/consent/types';
import { cleanString } from '@/lib/validation';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const day = z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid').optional());

/** Ledger filters from the query string (dashboard list, CSV export, report). Unknown or bad values are errors. */
export const ledgerFilterSchema = z.object({
  type: z.preprocess(blank, z.enum(EVENT_TYPES).optional()),
  from: day,
  to: day,
  link: z.preprocess(blank, z.uuid().optional()),
  notice: z.preprocess(blank, z.uuid().optional()),
  q: z.preprocess(blank, cleanString().trim().max(100, 'tooLong').optional()),
  cursor: z.preprocess(blank, z.string().max(200).optional()),
});
export type LedgerFilter = z.infer<typeof ledgerFilterSchema>;

/** Keyset cursor: the (occurred_at, id) of the last row shown, opaque to the client. */
export function encodeCursor(row: { occurredAt: Date; id: string }): string {
  return Buffer.from(`${row.occurredAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { occurredAt: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(iso ?? '');
  if (Number.isNaN(occurredAt.getTime()) || !z.uuid().safeParse(id).success) return null;
  return { occurredAt, id: id! };
}
