import type { LedgerFilter } from '@/lib/ledger/schemas';

/** The ledger's URL query for a filter (without its page cursor unless given in `extra`), e.g. `?type=opt_in`. */
export function ledgerQueryString(f: LedgerFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, cursor: undefined, ...extra })) if (v) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Whether the filter narrows the ledger (anything set but the page cursor). */
export const isFiltered = (f: LedgerFilter) => Object.entries(f).some(([k, v]) => k !== 'cursor' && v);
