export type PhysicalLine = { text: string; line: number };

/**
 * Physical lines of decoded text, 1-based numbered, split on CRLF, LF or a lone CR (old Mac exports; files mixing
 * them). A CR at a chunk's end waits for the next chunk, which may start with its LF. Only the unfinished last line is
 * held between chunks.
 */
export async function* physicalLines(chunks: AsyncIterable<string>): AsyncGenerator<PhysicalLine> {
  let pending = '';
  let line = 0;
  const br = /\r\n?|\n/g;
  for await (const chunk of chunks) {
    const text = pending + chunk;
    let start = 0;
    br.lastIndex = 0;
    for (let m = br.exec(text); m; m = br.exec(text)) {
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next chunk.
      if (m[0] === '\r' && m.index === text.length - 1) break;
      yield { text: text.slice(start, m.index), line: ++line };
      start = m.index + m[0].length;
    }
    pending = text.slice(start);
  }
  if (pending.endsWith('\r')) pending = pending.slice(0, -1);
  if (pending) yield { text: pending, line: ++line };
}
