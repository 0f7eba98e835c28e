import 'server-only';
import { headers } from 'next/headers';
import { truncateIp } from '@/lib/consent/ip';

/**
 * The client's address and user agent for the ledger. Behind a proxy the first X-Forwarded-For entry is the client;
 * the address is truncated before it goes anywhere.
 */
export async function requestInfo(): Promise<{ ip: string | null; rawIp: string; userAgent: string | null; origin: string | null }> {
  const h = await headers();
  const rawIp = h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || 'unknown';
  return { ip: truncateIp(rawIp), rawIp, userAgent: h.get('user-agent'), origin: h.get('origin') };
}
