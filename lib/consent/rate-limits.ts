import 'server-only';
import { env } from '@/lib/env';
import { hitRateLimits } from '@/lib/rate-limit';

/** Public submissions per client address: at most CONSENT_RATE_LIMIT_IP per minute. Checked first, before the body is read. */
export async function withinIpRateLimit(scope: string, rawIp: string): Promise<boolean> {
  return hitRateLimits([{ key: `${scope}:ip:${rawIp}`, limit: env().CONSENT_RATE_LIMIT_IP }]);
}

/**
 * Submissions per link (or personal token): at most CONSENT_RATE_LIMIT_LINK per minute. Counted only for a well-formed
 * submission (after validation), so malformed requests from anyone cannot lock a company's link for everyone.
 */
export async function withinLinkRateLimit(scope: string, token: string): Promise<boolean> {
  return hitRateLimits([{ key: `${scope}:link:${token}`, limit: env().CONSENT_RATE_LIMIT_LINK }]);
}
