/** Consecutive physical lines of the file: `lines[i]` is line number `first + i` (1-based). */
export type LineBatch = { first: number; lines: string[] };

/**
 * The decoded text's physical lines, a batch per chunk (one await per chunk, not per line), split on CRLF, LF or a
 * lone CR (old Mac exports; files mixing them). A CR at a chunk's end waits for the next chunk, which may start with
 * its LF. Only the unfinished last line is held between chunks.
 */
export async function* lineBatches(chunks: AsyncIterable<string>): AsyncGenerator<LineBatch> {
  let pending = '';
  let next = 1;
  const br = /\r\n?|\n/g;
  for await (const chunk of chunks) {
    const text = pending + chunk;
    const lines: string[] = [];
    let start = 0;
    br.lastIndex = 0;
    for (let m = br.exec(text); m; m = br.exec(text)) {
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next chunk.
      if (m[0] === '\r' && m.index === text.length - 1) break;
      lines.push(text.slice(start, m.index));
      start = m.index + m[0].length;
    }
    pending = text.slice(start);
    if (lines.length) yield { first: next, lines };
    next += lines.length;
  }
  if (pending.endsWith('\r')) pending = pending.slice(0, -1);
  if (pending) yield { first: next, lines: [pending] };
}
