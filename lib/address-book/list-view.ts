import type { ListQuery } from './schemas';
import type { StoredCard } from './types';

export const PAGE_SIZE = 100;

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** The date a card is sorted by: its newest ledger event. */
function cardDate(c: StoredCard): string {
  let best = '';
  for (const n of c.numbers) if (n.eventAt && n.eventAt > best) best = n.eventAt;
  return best;
}

function matches(c: StoredCard, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  const digits = q.replace(/\D/g, '');
  if ((c.name ?? '').toLowerCase().includes(needle)) return true;
  return c.numbers.some((n) => n.raw.toLowerCase().includes(needle) || (digits.length >= 3 && (n.e164 ?? '').replace(/\D/g, '').includes(digits)));
}

const COMPARE: Record<ListQuery['sort'], (a: StoredCard, b: StoredCard) => number> = {
  name: (a, b) => collator.compare(a.name ?? '', b.name ?? '') || a.line - b.line,
  number: (a, b) => collator.compare(a.numbers[0]?.e164 ?? a.numbers[0]?.raw ?? '', b.numbers[0]?.e164 ?? b.numbers[0]?.raw ?? '') || a.line - b.line,
  date: (a, b) => cardDate(a).localeCompare(cardDate(b)) || a.line - b.line,
  line: (a, b) => a.line - b.line,
};

/** One page of one list, filtered by name or number and sorted server-side. */
export function listPage(cards: StoredCard[], q: ListQuery): { rows: StoredCard[]; total: number; pages: number; page: number } {
  const filtered = cards.filter((c) => c.list === q.list && matches(c, q.q));
  filtered.sort(COMPARE[q.sort]);
  if (q.dir === 'desc') filtered.reverse();
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  return { rows: filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: filtered.length, pages, page };
}
