import { env } from '@/lib/env';
import { hitRateLimits } from '@/lib/rate-limit';

/** Public submissions: at most CONSENT_RATE_LIMIT_IP per minute per client address and CONSENT_RATE_LIMIT_LINK per link. */
export async function withinPublicRateLimit(scope: string, rawIp: string, token: string): Promise<boolean> {
  return hitRateLimits([
    { key: `${scope}:ip:${rawIp}`, limit: env().CONSENT_RATE_LIMIT_IP },
    { key: `${scope}:link:${token}`, limit: env().CONSENT_RATE_LIMIT_LINK },
  ]);
}
