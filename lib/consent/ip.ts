import { isIPv4, isIPv6 } from 'node:net';

/** Truncates an address for the ledger (IPv4 → /24, IPv6 → /48): enough for plausibility, not to identify. */
export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const addr = ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (isIPv4(addr)) return addr.split('.').slice(0, 3).concat('0').join('.');
  if (isIPv6(addr)) {
    const [head = ''] = addr.split('::');
    const groups = addr.includes('::') ? head.split(':').filter(Boolean) : addr.split(':');
    return `${[...groups, '0', '0', '0'].slice(0, 3).join(':')}::`;
  }
  return null;
}
