const MAX_CELLS = 4_000_000;

export type DiffLine = { op: 'same' | 'add' | 'del'; line: string };

/**
 * A line-based diff of two texts via the longest common subsequence: lines only in `a` are 'del', lines only in `b`
 * are 'add'. Common head and tail are matched first, so typical edits of long notices stay cheap.
 */
export function lineDiff(a: string, b: string): DiffLine[] {
  const x = splitLines(a);
  const y = splitLines(b);
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const same = (line: string): DiffLine => ({ op: 'same', line });
  const around = (middle: DiffLine[]) => [...x.slice(0, head).map(same), ...middle, ...x.slice(x.length - tail).map(same)];
  // The table is quadratic: past MAX_CELLS (pathological inputs such as thousands of one-character lines) the changed
  // middle is shown as replaced wholesale rather than spending hundreds of megabytes on it.
  if ((xs.length + 1) * (ys.length + 1) > MAX_CELLS) {
    return around([...xs.map((line): DiffLine => ({ op: 'del', line })), ...ys.map((line): DiffLine => ({ op: 'add', line }))]);
  }

  // lcs[i * w + j] = length of the LCS of xs[i..] and ys[j..]
  const w = ys.length + 1;
  const lcs = new Uint32Array((xs.length + 1) * w);
  for (let i = xs.length - 1; i >= 0; i--) {
    for (let j = ys.length - 1; j >= 0; j--) {
      lcs[i * w + j] = xs[i] === ys[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < xs.length && j < ys.length) {
    if (xs[i] === ys[j]) {
      middle.push({ op: 'same', line: xs[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
      middle.push({ op: 'del', line: xs[i++]! });
    } else {
      middle.push({ op: 'add', line: ys[j++]! });
    }
  }
  while (i < xs.length) middle.push({ op: 'del', line: xs[i++]! });
  while (j < ys.length) middle.push({ op: 'add', line: ys[j++]! });
  return around(middle);
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n');
}
