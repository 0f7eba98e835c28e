export const LINK_STATUSES = ['active', 'revoked', 'expired', 'exhausted'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** Whether an invite link still accepts decisions; revoked wins over expired, expired over used up. */
export function linkStatus(
  link: { revokedAt: Date | null; expiresAt: Date | null; maxUses: number | null; uses: number },
  now: Date = new Date(),
): LinkStatus {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (link.maxUses !== null && link.uses >= link.maxUses) return 'exhausted';
  return 'active';
}
