/**
 * Canonical JSON: object keys sorted, no whitespace, undefined written as null. Hashes of ledger events and notice
 * texts are taken over this form, so the same data always gives the same bytes (DESIGN-NOTES.md).
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
  return JSON.stringify(value);
}
