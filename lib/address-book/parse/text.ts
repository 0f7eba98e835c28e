import { MAX_NAME_CHARS } from './limits';

// C0 and C1 controls, DEL, the Unicode line/paragraph separators and the bidirectional overrides and isolates (which
// can make a name display as another).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/**
 * A display name safe to show and to write anywhere: every run of control characters (a CR or LF from a decoded
 * quoted-printable value included) becomes one space, whitespace collapses, at most MAX_NAME_CHARS. Empty → null.
 */
export function cleanName(v: string | null | undefined): string | null {
  if (!v) return null;
  const s = v.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_CHARS).trim();
  return s || null;
}

/** A label ("Mobile", "Büro") without control characters, and Apple's `_$!<Mobile>!$_` wrapper removed. */
export function cleanLabel(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const unwrapped = v.replace(/^_\$!<(.*)>!\$_$/, '$1');
  return cleanName(unwrapped)?.slice(0, 60) ?? undefined;
}

/** What safeLines removes: a CR or LF outside a CRLF pair, any other control character but TAB, U+2028/U+2029. */
const CHANGED_BY_SAFE_LINES = /\r(?!\n)|(?<!\r)\n|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Lines joined by CRLF as written back into a vCard: no control character but TAB and the CRLFs between the lines
 * (a CR or LF alone is removed), no line/paragraph separator.
 */
export function safeLines(v: string): string {
  if (!CHANGED_BY_SAFE_LINES.test(v)) return v; // the common case: one scan, no callback per line break
  return v.replace(/\r\n|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (m) => (m === '\r\n' ? m : ''));
}
