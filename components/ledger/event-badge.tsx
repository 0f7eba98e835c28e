import { getTranslations } from 'next-intl/server';
import type { EventType } from '@/lib/consent/types';

const STYLE: Record<EventType, string> = {
  opt_in: 'bg-green-100 text-green-900',
  confirmed: 'bg-green-100 text-green-900',
  opt_out: 'bg-amber-100 text-amber-900',
  withdrawn: 'bg-red-100 text-red-900',
  erased: 'bg-gray-200 text-gray-900',
};

export async function EventBadge({ type }: { type: EventType }) {
  const t = await getTranslations('ledger');
  return <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STYLE[type]}`}>{t(`type_${type}`)}</span>;
}
