import { describe, expect, it } from 'vitest';
import { lineDiff } from '../diff';

const render = (a: string, b: string) => lineDiff(a, b).map((d) => `${d.op === 'same' ? ' ' : d.op === 'add' ? '+' : '-'}${d.line}`);

describe('lineDiff', () => {
  it('marks identical texts as all same, and empty texts as nothing', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([
      { op: 'same', line: 'a' },
      { op: 'same', line: 'b' },
    ]);
    expect(lineDiff('', '')).toEqual([]);
    expect(render('', 'x')).toEqual(['+x']);
    expect(render('x', '')).toEqual(['-x']);
  });

  it('finds insertions, deletions and replacements via the longest common subsequence', () => {
    expect(render('a\nb\nc', 'a\nc')).toEqual([' a', '-b', ' c']);
    expect(render('a\nc', 'a\nb\nc')).toEqual([' a', '+b', ' c']);
    expect(render('a\nb\nc', 'a\nB\nc')).toEqual([' a', '-b', '+B', ' c']);
    expect(render('x\na\nb\nc\ny', 'a\nq\nc\nz')).toEqual(['-x', ' a', '-b', '+q', ' c', '-y', '+z']);
  });

  it('keeps every line of both texts in order, and the same lines form an LCS', () => {
    const a = 'eins\nzwei\ndrei\nvier\nfünf\nsechs';
    const b = 'null\neins\ndrei\nvier\nvier\nsechs\nsieben';
    const d = lineDiff(a, b);
    expect(d.filter((x) => x.op !== 'add').map((x) => x.line).join('\n')).toBe(a);
    expect(d.filter((x) => x.op !== 'del').map((x) => x.line).join('\n')).toBe(b);
    expect(d.filter((x) => x.op === 'same')).toHaveLength(4); // eins, drei, vier, sechs
  });

  it('treats CRLF like LF and stays linear-memory on huge inputs', () => {
    expect(render('a\r\nb', 'a\nb')).toEqual([' a', ' b']);
    const a = Array.from({ length: 5000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 5000 }, (_, i) => `b${i}`).join('\n');
    const d = lineDiff(a, b);
    expect(d).toHaveLength(10_000);
    expect(d.filter((x) => x.op === 'same')).toHaveLength(0);
  });
});
