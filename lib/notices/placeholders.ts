/**
 * Template placeholders look like `[[Anschrift]]`: text the owner must replace before a version can be published.
 * Brackets inside are not allowed, so `[[a]] [[b]]` is two placeholders and Markdown links `[x](y)` are none.
 */
const PLACEHOLDER = /\[\[([^[\]\n]{1,120})\]\]/g;

/** The distinct placeholders in `texts`, in order of first appearance, with their brackets (`[[Anschrift]]`). */
export function findPlaceholders(...texts: (string | null | undefined)[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const m of (text ?? '').matchAll(PLACEHOLDER)) found.add(`[[${m[1]!.trim()}]]`);
  }
  return [...found];
}

/** A placeholder for `label` (the template's own marker for a value the profile lacks). */
export const placeholder = (label: string) => `[[${label}]]`;
