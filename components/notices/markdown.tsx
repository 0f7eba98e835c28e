import { parseMarkdown, type Inline } from '@/lib/notices/markdown';

function Inlines({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((i, n) =>
        i.kind === 'strong' ? (
          <strong key={n}>{i.text}</strong>
        ) : i.kind === 'em' ? (
          <em key={n}>{i.text}</em>
        ) : i.kind === 'link' ? (
          <a key={n} href={i.href} className="link" rel="noopener noreferrer nofollow" target="_blank">
            {i.text}
          </a>
        ) : (
          <span key={n}>{i.text}</span>
        ),
      )}
    </>
  );
}

/** Renders a privacy notice's Markdown subset as React elements (never as an HTML string). */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="flex flex-col gap-3 leading-relaxed">
      {parseMarkdown(source).map((b, n) => {
        if (b.kind === 'heading') {
          const H = `h${b.level}` as const;
          return (
            <H key={n} className="font-semibold">
              <Inlines content={b.content} />
            </H>
          );
        }
        if (b.kind === 'list') {
          const L = b.ordered ? 'ol' : 'ul';
          return (
            <L key={n} className={`ml-5 ${b.ordered ? 'list-decimal' : 'list-disc'}`}>
              {b.items.map((it, k) => (
                <li key={k}>
                  <Inlines content={it} />
                </li>
              ))}
            </L>
          );
        }
        return (
          <p key={n}>
            <Inlines content={b.content} />
          </p>
        );
      })}
    </div>
  );
}
