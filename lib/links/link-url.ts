import 'server-only';
import { appUrl } from '@/lib/config';

/** The public consent page of an invite link, from its token (lib/links/link-token.ts `shownToken`). */
export function inviteUrl(tenantSlug: string, token: string): string {
  return `${appUrl()}/c/${encodeURIComponent(tenantSlug)}/${token}`;
}
