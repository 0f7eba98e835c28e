import type { LinkStatus } from '@/lib/links/link-status';

const STYLES: Record<LinkStatus, string> = {
  active: 'border-green-700 bg-green-50 text-green-900',
  revoked: 'border-red-700 bg-red-50 text-red-900',
  expired: 'border-amber-700 bg-amber-50 text-amber-900',
  exhausted: 'border-gray-500 bg-gray-100 text-gray-800',
};

/** A link's status as a coloured badge; the text carries the meaning, the colour only repeats it. */
export function LinkStatusBadge({ status, text }: { status: LinkStatus; text: string }) {
  return <span className={`shrink-0 rounded-full border px-2.5 py-0.5 text-xs font-semibold ${STYLES[status]}`}>{text}</span>;
}
