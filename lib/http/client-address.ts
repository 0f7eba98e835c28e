import { isIP } from 'node:net';

/** The private request header that carries the client address from the socket hook to route code. */
export const CLIENT_IP_HEADER = 'x-einw-client-ip';

/** Strips brackets and an IPv4-mapped prefix; null unless the result is an IP address. */
function normalise(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (s.startsWith('[') && s.includes(']')) s = s.slice(1, s.indexOf(']')); // "[2001:db8::1]:443"
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':')); // "192.0.2.1:443"
  if (s.toLowerCase().startsWith('::ffff:') && isIP(s.slice(7)) === 4) s = s.slice(7);
  return isIP(s) ? s : null;
}

/**
 * The client's address by the rightmost-untrusted rule. `socket` is the TCP peer; with `trustedHops` = 0 it is the
 * answer and X-Forwarded-For is ignored (the client writes whatever it likes there). With N trusted reverse proxies in
 * front, each appends the address it received from, so the Nth entry from the right of X-Forwarded-For is the
 * address the outermost trusted proxy saw; entries left of it are the client's claims and are never used. A missing or
 * malformed entry at that position yields null (the caller keys on "unknown" rather than trusting a spoofable value).
 */
export function clientAddress(socket: string | undefined | null, forwardedFor: string | string[] | undefined | null, trustedHops: number): string | null {
  if (trustedHops <= 0) return normalise(socket);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const entries = header.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  if (entries.length < trustedHops) return null;
  return normalise(entries[entries.length - trustedHops]);
}
