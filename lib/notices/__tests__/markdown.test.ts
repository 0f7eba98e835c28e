import { describe, expect, it } from 'vitest';
import { markdownToText, parseMarkdown } from '../markdown';
import { noticeTextHash } from '../text-hash';

describe('notice markdown', () => {
  it('parses headings, lists, emphasis and http(s) links only', () => {
    const blocks = parseMarkdown('# Titel\n\nWir **speichern** Ihre *Nummer*.\n\n- eins\n- zwei\n\n1. a\n2. b\n\n[Impressum](https://x.example/i) [böse](javascript:alert(1))');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'paragraph']);
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      content: [
        { kind: 'text', text: 'Wir ' },
        { kind: 'strong', text: 'speichern' },
        { kind: 'text', text: ' Ihre ' },
        { kind: 'em', text: 'Nummer' },
        { kind: 'text', text: '.' },
      ],
    });
    const last = blocks[4]!;
    expect(last.kind === 'paragraph' && last.content.filter((i) => i.kind === 'link')).toEqual([
      { kind: 'link', text: 'Impressum', href: 'https://x.example/i' },
    ]);
  });

  it('keeps raw HTML as text', () => {
    expect(markdownToText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    const [b] = parseMarkdown('<img src=x onerror=alert(1)>');
    expect(b).toEqual({ kind: 'paragraph', content: [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }] });
  });

  it('hashes the notice text canonically: any change changes the hash', () => {
    const v = { title: 'T', body: 'B', purpose: 'P', legalBasis: 'L', language: 'de' as const, version: 1 };
    expect(noticeTextHash(v)).toMatch(/^[0-9a-f]{64}$/);
    expect(noticeTextHash({ ...v })).toBe(noticeTextHash(v));
    expect(noticeTextHash({ ...v, body: 'B ' })).not.toBe(noticeTextHash(v));
    expect(noticeTextHash({ ...v, version: 2 })).not.toBe(noticeTextHash(v));
  });
});
