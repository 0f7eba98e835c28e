import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYWORDS, matchKeyword, normaliseKeyword, type KeywordLists } from '../keywords';

const defaults: KeywordLists = { withdraw: [...DEFAULT_KEYWORDS.withdraw], start: [...DEFAULT_KEYWORDS.start] };

describe('keyword normalisation', () => {
  it.each([
    ['Stopp!', 'stopp'],
    ['  STOP  ', 'stop'],
    ['🛑 Stop 🛑', 'stop'],
    ['Abmelden.', 'abmelden'],
    ['widerruf 👋🏽', 'widerruf'],
    ['„Austragen“', 'austragen'],
    ['STOPP‼️', 'stopp'],
    ['Un-subscribe', 'un subscribe'],
    ['ſtop', 'stop'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseKeyword(input)).toBe(expected);
  });
});

describe('keyword matching', () => {
  it('matches the whole message against the withdraw and start lists', () => {
    for (const k of DEFAULT_KEYWORDS.withdraw) expect(matchKeyword(`${k.toUpperCase()}!`, defaults)).toEqual({ kind: 'withdraw', keyword: k });
    expect(matchKeyword('Start 🙂', defaults)).toEqual({ kind: 'start', keyword: 'start' });
  });

  it('a sentence merely containing a keyword is no keyword (review), words that only begin like one are nothing', () => {
    expect(matchKeyword('Bitte stop mit der Werbung', defaults)).toEqual({ kind: 'contains' });
    expect(matchKeyword('Stoppuhr kaputt?', defaults)).toBeNull();
    expect(matchKeyword('Hallo', defaults)).toBeNull();
    expect(matchKeyword('!!!', defaults)).toBeNull();
    expect(matchKeyword(null, defaults)).toBeNull();
  });

  it('a tenant list replaces the defaults of its kind', () => {
    const own: KeywordLists = { withdraw: ['tschüss'], start: ['start'] };
    expect(matchKeyword('Tschüss!', own)).toEqual({ kind: 'withdraw', keyword: 'tschüss' });
    expect(matchKeyword('Stopp', own)).toBeNull();
  });
});
