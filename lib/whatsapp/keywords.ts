import 'server-only';
import { and, eq } from 'drizzle-orm';
import { whatsappKeywords } from '@/db/schema';
import type { Tx } from '@/db';

export const DEFAULT_KEYWORDS = {
  withdraw: ['stopp', 'stop', 'abmelden', 'abbestellen', 'austragen', 'widerruf', 'unsubscribe'],
  start: ['start'],
} as const;
export type KeywordKind = keyof typeof DEFAULT_KEYWORDS;
export type KeywordLists = Record<KeywordKind, string[]>;

/**
 * The whole message as a keyword candidate: trimmed, case-folded, punctuation, symbols and emoji stripped, inner
 * whitespace collapsed. "Stopp!" → "stopp", "🛑 STOP 🛑" → "stop", "bitte stoppt das" stays a sentence.
 */
export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('de')
    .replace(/[\p{P}\p{S}\p{Extended_Pictographic}\p{M}\u200d\ufe0f]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a normalised text merely contains a keyword as a word (→ the review list, never a withdrawal). */
export function containsKeyword(normalised: string, lists: KeywordLists): boolean {
  const words = new Set(normalised.split(' '));
  return [...lists.withdraw, ...lists.start].some((k) => (k.includes(' ') ? normalised.includes(k) : words.has(k)));
}

export type KeywordMatch = { kind: KeywordKind; keyword: string } | { kind: 'contains' } | null;

/** Matches the whole message against the lists: a keyword, a sentence containing one, or nothing. */
export function matchKeyword(text: string | null, lists: KeywordLists): KeywordMatch {
  if (!text) return null;
  const n = normaliseKeyword(text);
  if (!n) return null;
  for (const kind of ['withdraw', 'start'] as const) if (lists[kind].includes(n)) return { kind, keyword: n };
  return containsKeyword(n, lists) ? { kind: 'contains' } : null;
}

/** The tenant's lists: its own rows per kind, else the defaults. */
export async function tenantKeywords(tx: Tx, tenantId: string): Promise<KeywordLists> {
  const rows = await tx.select({ kind: whatsappKeywords.kind, keyword: whatsappKeywords.keyword }).from(whatsappKeywords).where(eq(whatsappKeywords.tenantId, tenantId));
  const lists: KeywordLists = { withdraw: [...DEFAULT_KEYWORDS.withdraw], start: [...DEFAULT_KEYWORDS.start] };
  for (const kind of ['withdraw', 'start'] as const) {
    const own = rows.filter((r) => r.kind === kind).map((r) => normaliseKeyword(r.keyword));
    if (own.length) lists[kind] = own;
  }
  return lists;
}

/** Replaces a tenant's list of one kind (empty → back to the defaults). */
export async function setTenantKeywords(tx: Tx, tenantId: string, kind: KeywordKind, keywords: string[]) {
  await tx.delete(whatsappKeywords).where(and(eq(whatsappKeywords.tenantId, tenantId), eq(whatsappKeywords.kind, kind)));
  const clean = [...new Set(keywords.map(normaliseKeyword).filter((k) => k.length > 0 && k.length <= 40))];
  if (clean.length) await tx.insert(whatsappKeywords).values(clean.map((keyword) => ({ tenantId, kind, keyword })));
}
