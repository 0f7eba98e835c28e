import 'server-only';
import { appUrl } from '@/lib/config';
import { deriveToken } from './token';

/** The public consent page of an invite link; the token is re-derived from the link id (only its hash is stored). */
export function inviteUrl(tenantSlug: string, linkId: string): string {
  return `${appUrl()}/c/${encodeURIComponent(tenantSlug)}/${deriveToken('invite', linkId)}`;
}
