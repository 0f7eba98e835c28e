import 'server-only';
import { headers } from 'next/headers';
import { truncateIp } from '@/lib/consent/ip';
import { CLIENT_IP_HEADER } from './client-address';

/**
 * The client's address and user agent for the ledger and the rate limits. The address comes from the socket, or
 * with TRUSTED_PROXY_HOPS > 0 from that many proxies' X-Forwarded-For entries, counted from the right: the server
 * start hook (client-address-hook.ts) writes it into a private header, so a client-written X-Forwarded-For is never
 * taken for its address. The address is truncated before it goes anywhere.
 */
export async function requestInfo(): Promise<{ ip: string | null; rawIp: string; userAgent: string | null; origin: string | null }> {
  const h = await headers();
  const rawIp = h.get(CLIENT_IP_HEADER) || 'unknown';
  return { ip: truncateIp(rawIp), rawIp, userAgent: h.get('user-agent'), origin: h.get('origin') };
}
