/**
 * A deliberately small Markdown subset for privacy notices: headings (#, ##, ###), paragraphs, bullet and numbered
 * lists, **bold**, *italic* and [links](https://…). It parses into plain data that components/notices/markdown.tsx
 * renders as React elements — there is no HTML string anywhere, so no raw HTML or script can get through.
 */
export type Inline = { kind: 'text' | 'strong' | 'em'; text: string } | { kind: 'link'; text: string; href: string };
export type Block =
  | { kind: 'heading'; level: 2 | 3 | 4; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+|mailto:[^\s)]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'strong', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'em', text: m[2] });
    else out.push({ kind: 'link', text: m[3]!, href: m[4]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', content: parseInline(para.join(' ')) });
    if (list) blocks.push({ kind: 'list', ...list });
    para = [];
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: (heading[1]!.length + 1) as 2 | 3 | 4, content: parseInline(heading[2]!) });
    } else if (bullet || numbered) {
      const ordered = !!numbered;
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInline((bullet ?? numbered)![1]!));
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}

/** Plain text of a notice (PDFs, mails): Markdown markers removed. */
export function markdownToText(source: string): string {
  return parseMarkdown(source)
    .map((b) => {
      const inl = (c: Inline[]) => c.map((i) => (i.kind === 'link' ? `${i.text} (${i.href})` : i.text)).join('');
      if (b.kind === 'list') return b.items.map((it, n) => `${b.ordered ? `${n + 1}.` : '•'} ${inl(it)}`).join('\n');
      return inl(b.content);
    })
    .join('\n\n');
}
