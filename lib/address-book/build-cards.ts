import { cardList, type NumberStatus } from './match';
import type { ParsedCard } from './parse';
import { LISTS, type ListCounts, type StoredCard } from './types';

/** Every distinct valid number of the cards, for one ledger lookup. */
export function distinctNumbers(cards: ParsedCard[]): string[] {
  const set = new Set<string>();
  for (const c of cards) for (const n of c.numbers) if (n.e164) set.add(n.e164);
  return [...set];
}

/** The parsed cards with each number's status and the card's list (its best number's). */
export function buildCards(cards: ParsedCard[], byNumber: Map<string, NumberStatus>): StoredCard[] {
  return cards.map((card, i) => ({
    i,
    line: card.line,
    name: card.name,
    vcard: card.vcard,
    list: cardList(card, byNumber),
    numbers: card.numbers.map((n) => {
      const st = n.e164 ? byNumber.get(n.e164) : undefined;
      return {
        raw: n.raw,
        e164: n.e164,
        label: n.label,
        list: n.e164 ? (st?.list ?? 'unknown') : null,
        eventType: st?.eventType,
        eventAt: st?.eventAt?.toISOString(),
        channel: st?.channel,
        noticeVersionId: st?.noticeVersionId,
      };
    }),
  }));
}

export function countLists(cards: StoredCard[]): ListCounts {
  const counts = Object.fromEntries(LISTS.map((l) => [l, 0])) as ListCounts;
  for (const c of cards) counts[c.list] += 1;
  return counts;
}

/** The notice versions behind the "may stay" cards (the consenting number's version), with how many cards each. */
export function noticeVersionsOf(cards: StoredCard[]): { noticeVersionId: string; cards: number }[] {
  const map = new Map<string, number>();
  for (const c of cards) {
    if (c.list !== 'stay') continue;
    const v = c.numbers.find((n) => n.list === 'stay' && n.noticeVersionId)?.noticeVersionId;
    if (v) map.set(v, (map.get(v) ?? 0) + 1);
  }
  return [...map].map(([noticeVersionId, n]) => ({ noticeVersionId, cards: n }));
}
