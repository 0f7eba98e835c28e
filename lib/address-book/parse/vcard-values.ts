/** What a vCard property line says: group, name, parameters and the still-encoded value. */
export type Property = { group: string | null; name: string; types: string[]; encoding: 'qp' | 'b' | null; charset: string | null; value: string };

/** Index of the first `ch` outside double quotes (parameter values of vCard 4.0 may be quoted and hold ':' or ';'). */
function indexOutsideQuotes(s: string, ch: string, from = 0): number {
  const at = s.indexOf(ch, from);
  const quote = s.indexOf('"', from);
  if (quote < 0 || (at >= 0 && at < quote)) return at; // the common case: no quote before it
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(s: string, ch: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = indexOutsideQuotes(s, ch); i >= 0; i = indexOutsideQuotes(s, ch, start)) {
    parts.push(s.slice(start, i));
    start = i + 1;
  }
  parts.push(s.slice(start));
  return parts;
}

/** The name part of a line (`item1.TEL` → group item1, name TEL), upper-cased; null when the line has no colon. */
export function propertyName(line: string): { group: string | null; name: string } | null {
  // /^([A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]/ as a scan: it runs on every line of the file, and the match array is garbage.
  const first = nameEnd(line, 0);
  if (first === 0) return null;
  if (isParamOrValueStart(line.charCodeAt(first))) return { group: null, name: line.slice(0, first).toUpperCase() };
  if (line.charCodeAt(first) !== 46) return null; // '.'
  const end = nameEnd(line, first + 1);
  if (end === first + 1 || !isParamOrValueStart(line.charCodeAt(end))) return null;
  return { group: line.slice(0, first).toLowerCase(), name: line.slice(first + 1, end).toUpperCase() };
}

/** The index after the run of [A-Za-z0-9-] that starts at `from`. */
function nameEnd(s: string, from: number): number {
  let i = from;
  for (let c = s.charCodeAt(i); (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45; c = s.charCodeAt(++i));
  return i;
}

const isParamOrValueStart = (c: number) => c === 59 || c === 58; // ';' ':'

/**
 * A logical (unfolded) property line split into its parts. Parameters in every dialect: `TYPE=CELL,VOICE`,
 * `TYPE="voice,cell"` (4.0), bare `CELL;PREF` and `QUOTED-PRINTABLE` (2.1), `ENCODING=b|BASE64`, `CHARSET=…`.
 */
export function parseProperty(line: string): Property | null {
  const colon = indexOutsideQuotes(line, ':');
  if (colon < 0) return null;
  const head = line.slice(0, colon);
  const semi = head.indexOf(';');
  const full = semi < 0 ? head : head.slice(0, semi);
  const dot = full.indexOf('.');
  const name = (dot < 0 ? full : full.slice(dot + 1)).toUpperCase();
  if (!name || !/^[A-Z0-9-]+$/.test(name)) return null;
  const prop: Property = { group: dot < 0 ? null : full.slice(0, dot).toLowerCase(), name, types: [], encoding: null, charset: null, value: line.slice(colon + 1) };
  if (semi < 0) return prop;
  const params = head.includes('"') ? splitOutsideQuotes(head.slice(semi + 1), ';') : head.slice(semi + 1).split(';');
  for (const p of params) addParam(prop, p);
  return prop;
}

function addParam(prop: Property, p: string): void {
  const eq = p.indexOf('=');
  const key = eq < 0 ? 'TYPE' : p.slice(0, eq).trim().toUpperCase();
  let raw = (eq < 0 ? p : p.slice(eq + 1)).trim();
  if (raw.length > 1 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
  const upper = raw.toUpperCase();
  if (key === 'ENCODING' || upper === 'QUOTED-PRINTABLE' || upper === 'BASE64') {
    if (upper === 'QUOTED-PRINTABLE') prop.encoding = 'qp';
    else if (upper === 'B' || upper === 'BASE64') prop.encoding = 'b';
  } else if (key === 'CHARSET') prop.charset = raw;
  else if (key === 'TYPE') {
    for (const t of raw.includes(',') ? raw.split(',') : [raw]) {
      const v = t.trim().toLowerCase();
      if (v) prop.types.push(v);
    }
  }
}

/** Bytes as text in the named charset; without one (or an unknown one) UTF-8, else Windows-1252. */
function bytesToText(bytes: Uint8Array, charset: string | null): string {
  if (charset) {
    try {
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    } catch {
      // unknown label: fall through
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Quoted-printable (RFC 2045) to bytes; soft line breaks were joined while unfolding. Non-ASCII passes as UTF-8. */
function qpBytes(v: string): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) {
      out.push(parseInt(v.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '=' && i === v.length - 1) continue;
    else if (c.charCodeAt(0) < 0x80) out.push(c.charCodeAt(0));
    else out.push(...enc.encode(c));
  }
  return Uint8Array.from(out);
}

/** A property's value decoded (quoted-printable or base64, then its charset); escapes are left to the caller. */
export function decodeValue(p: Property): string {
  if (p.encoding === 'qp') return bytesToText(qpBytes(p.value), p.charset);
  if (p.encoding === 'b') return bytesToText(Uint8Array.from(Buffer.from(p.value.replace(/\s+/g, ''), 'base64')), p.charset);
  // A raw 8-bit value with CHARSET=ISO-8859-1: the whole file was decoded as Windows-1252 already (decode.ts).
  return p.value;
}

/** vCard text escapes (`\n`, `\,`, `\;`, `\\`) resolved. */
export function unescapeText(v: string): string {
  if (!v.includes('\\')) return v;
  return v.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A structured value (N, ORG) split on unescaped semicolons, each component unescaped. */
export function components(v: string): string[] {
  return v.split(/(?<!\\);/).map(unescapeText);
}
