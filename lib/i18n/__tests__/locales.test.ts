import { describe, expect, it } from 'vitest';
import { messagesFor } from '../messages';
import { pickLocale } from '../locales';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('locales', () => {
  it('defaults to German and honours cookie, then Accept-Language', () => {
    expect(pickLocale(undefined, undefined)).toBe('de');
    expect(pickLocale(undefined, 'fr-FR,fr;q=0.9')).toBe('de');
    expect(pickLocale(undefined, 'en-US,en;q=0.9,de;q=0.8')).toBe('en');
    expect(pickLocale('de', 'en-US')).toBe('de');
    expect(pickLocale('xx', 'en')).toBe('en');
  });

  it('has the same message keys in German and English', () => {
    expect(keys(messagesFor('en')).sort()).toEqual(keys(messagesFor('de')).sort());
  });
});
