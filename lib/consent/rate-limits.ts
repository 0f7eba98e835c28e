import { hitRateLimits } from '@/lib/rate-limit';

const PER_IP_PER_MINUTE = () => Number(process.env.CONSENT_RATE_LIMIT_IP ?? 20);
const PER_LINK_PER_MINUTE = () => Number(process.env.CONSENT_RATE_LIMIT_LINK ?? 120);

/** Public submissions: at most CONSENT_RATE_LIMIT_IP per minute per client address and CONSENT_RATE_LIMIT_LINK per link. */
export async function withinPublicRateLimit(scope: string, rawIp: string, token: string): Promise<boolean> {
  return hitRateLimits([
    { key: `${scope}:ip:${rawIp}`, limit: PER_IP_PER_MINUTE() },
    { key: `${scope}:link:${token}`, limit: PER_LINK_PER_MINUTE() },
  ]);
}
